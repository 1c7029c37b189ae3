package org.tracehub.hub.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** A legacy system's SFTP server, in process, with its own host key and one password account. */
final class LegacySftpServer implements AutoCloseable {

    private final SshServer sshd;
    private final Path root;
    private final KeyPair hostKey;

    private LegacySftpServer(SshServer sshd, Path root, KeyPair hostKey) {
        this.sshd = sshd;
        this.root = root;
        this.hostKey = hostKey;
    }

    static LegacySftpServer start(Path dir, String user, String password) {
        try {
            Path root = Files.createDirectories(dir.resolve("root"));
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.pem"));
            keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            keys.setKeySize(256);
            KeyPair hostKey = keys.loadKeys(null).get(0);
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(keys);
            sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
            sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            sshd.start();
            return new LegacySftpServer(sshd, root, hostKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return sshd.getPort();
    }

    Path root() {
        return root;
    }

    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A known_hosts line for this host and port with some other server's key. */
    String impostorKnownHostsLine() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(generator.generateKeyPair().getPublic());
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
