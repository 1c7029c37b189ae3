package org.tracehub.hub.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** A real SFTP client session against the drop-box, as a legacy system would open one. */
final class SftpConnection implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final PublicKey serverKey;

    private SftpConnection(SshClient client, ClientSession session, SftpClient sftp, PublicKey serverKey) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.serverKey = serverKey;
    }

    static SftpConnection withPassword(int port, String user, String password) throws IOException {
        return open(port, user, session -> session.addPasswordIdentity(password));
    }

    static SftpConnection withKey(int port, String user, KeyPair key) throws IOException {
        return open(port, user, session -> session.addPublicKeyIdentity(key));
    }

    /** From another loopback address ({@code 127.0.0.2}): a second client as the drop-box's lockout tells them apart. */
    static SftpConnection withPasswordFrom(String localHost, int port, String user, String password) throws IOException {
        return open(port, user, new InetSocketAddress(localHost, 0), session -> session.addPasswordIdentity(password));
    }

    private interface Credentials {
        void addTo(ClientSession session);
    }

    private static SftpConnection open(int port, String user, Credentials credentials) throws IOException {
        return open(port, user, null, credentials);
    }

    private static SftpConnection open(int port, String user, SocketAddress local, Credentials credentials) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        AtomicReference<PublicKey> serverKey = new AtomicReference<>();
        // The test trusts whatever key the server shows but remembers it, so tests can check which key that was.
        client.setServerKeyVerifier((clientSession, address, key) -> {
            serverKey.set(key);
            return true;
        });
        client.start();
        ClientSession session = null;
        try {
            session = (local == null ? client.connect(user, "127.0.0.1", port)
                    : client.connect(user, new InetSocketAddress("127.0.0.1", port), local)).verify(TIMEOUT).getSession();
            credentials.addTo(session);
            session.auth().verify(TIMEOUT);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpConnection(client, session, sftp, serverKey.get());
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            throw e;
        }
    }

    SftpClient sftp() {
        return sftp;
    }

    ClientSession session() {
        return session;
    }

    PublicKey serverKey() {
        return serverKey;
    }

    void upload(String remotePath, String content) throws IOException {
        try (OutputStream out = sftp.write(remotePath)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    String download(String remotePath) throws IOException {
        try (var in = sftp.read(remotePath)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Drops the connection the way a crashing client would, without closing open handles first. */
    void abandon() {
        session.close(true);
        client.stop();
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
        } finally {
            session.close(false).await(TIMEOUT);
            client.stop();
        }
    }
}
