package org.tracehub.hub.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.GenericUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.tracehub.hub.config.OwnerOnlyFolders;

/**
 * The server's host key, generated into a file on first use and read from it afterwards. Sources pin this key in
 * their known_hosts; a new key on every restart would make them refuse the hub, so an unreadable key file is an error
 * and is never replaced.
 */
final class PersistentHostKey {

    private final NeverReplacingProvider provider;

    PersistentHostKey(Path file) {
        this.provider = new NeverReplacingProvider(file.toAbsolutePath());
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        provider.setOverwriteAllowed(false);
    }

    KeyPairProvider provider() {
        return provider;
    }

    /** Generates the key if the file does not exist yet; fails if the file exists but holds no usable key. */
    KeyPair load() {
        try {
            Path parent = provider.getPath().getParent();
            if (parent != null) {
                OwnerOnlyFolders.create(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of host key " + provider.getPath(), e);
        }
        List<KeyPair> keys = provider.loadKeys(null);
        if (keys.isEmpty()) {
            throw new IllegalStateException("No usable host key in " + provider.getPath());
        }
        return keys.get(0);
    }

    /** OpenSSH-style {@code SHA256:…} fingerprint, as {@code ssh-keygen -lf} and clients show it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, load().getPublic());
    }

    /**
     * MINA's provider answers a key file it cannot read by generating a new key (and overwriting the file when
     * allowed). Here an existing file must yield a key, or there is no key and the server does not start.
     */
    private static final class NeverReplacingProvider extends SimpleGeneratorHostKeyProvider {

        NeverReplacingProvider(Path file) {
            super(file);
        }

        @Override
        protected Iterable<KeyPair> resolveKeyPairs(SessionContext session, Path keyPath)
                throws IOException, GeneralSecurityException {
            if (keyPath == null || !Files.exists(keyPath)) {
                return super.resolveKeyPairs(session, keyPath);
            }
            Iterable<KeyPair> keys = loadFromFile(session, getAlgorithm(), keyPath);
            if (keys == null || GenericUtils.head(keys) == null) {
                throw new GeneralSecurityException("No host key in " + keyPath);
            }
            return keys;
        }
    }
}
