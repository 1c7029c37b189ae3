package org.tracehub.routes.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A legacy system's SFTP server, in process: its own host key, one account that logs in with a
 * password or a key, every file under one folder. Shared with the hub's tests through the routes
 * module's test jar (only this package is in it).
 */
public final class LegacySftpServer implements AutoCloseable {

    private final SshServer sshd;
    private final Path root;
    private final KeyPair hostKey;

    private LegacySftpServer(SshServer sshd, Path root, KeyPair hostKey) {
        this.sshd = sshd;
        this.root = root;
        this.hostKey = hostKey;
    }

    /** A server whose account logs in with the password only. */
    public static LegacySftpServer start(Path dir, String user, String password) {
        return start(dir, user, password, null);
    }

    /** A server whose account logs in with the password or, if {@code clientKey} is given, that key. */
    public static LegacySftpServer start(Path dir, String user, String password, PublicKey clientKey) {
        try {
            Path root = Files.createDirectories(dir.resolve("legacy-root"));
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("legacy-host-key.pem"));
            keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            keys.setKeySize(256);
            KeyPair hostKey = keys.loadKeys(null).get(0);
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(keys);
            sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
            if (clientKey != null) {
                sshd.setPublickeyAuthenticator((u, k, session) -> user.equals(u) && KeyUtils.compareKeys(clientKey, k));
            }
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
            sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            sshd.start();
            return new LegacySftpServer(sshd, root, hostKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return sshd.getPort();
    }

    public Path root() {
        return root;
    }

    /** The line a known_hosts file needs to trust this server on its port. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A known_hosts line for this host and port naming some other server's key. */
    public String impostorKnownHostsLine() throws GeneralSecurityException {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(newKeyPair().getPublic());
    }

    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** Writes a private key the way ssh-keygen does (OpenSSH format, no passphrase). */
    public static Path writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "hub@test", null, out);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
