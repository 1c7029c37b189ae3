package org.tracehub.routes.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
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
        return start(dir, user, password, clientKey, StandardCharsets.UTF_8);
    }

    /**
     * A server that sends file names in {@code nameEncoding} and reads the names it is sent in it, as a Chinese Windows
     * server sends GBK (MINA's SFTP subsystem has no setting for it: its {@code sftp-name-decoding-charset} is the
     * client's). The files under {@link #root()} have their names in Unicode, as on any server's disk.
     */
    public static LegacySftpServer start(Path dir, String user, String password, PublicKey clientKey, Charset nameEncoding) {
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
            sshd.setSubsystemFactories(List.of(StandardCharsets.UTF_8.equals(nameEncoding) ? new SftpSubsystemFactory()
                    : new NameEncodingSftpSubsystemFactory(nameEncoding)));
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

    private static final class NameEncodingSftpSubsystemFactory extends SftpSubsystemFactory {

        private final Charset names;

        NameEncodingSftpSubsystemFactory(Charset names) {
            this.names = names;
        }

        @Override
        public Command createSubsystem(ChannelSession channel) throws IOException {
            NameEncodingSftpSubsystem subsystem = new NameEncodingSftpSubsystem(channel, this, names);
            getRegisteredListeners().forEach(subsystem::addSftpEventListener);
            return subsystem;
        }
    }

    /**
     * Translates the names of SFTP version 3 (what JSch speaks) at the packet: the paths of the requests that carry them
     * from {@code names} to the UTF-8 the subsystem reads, and the names of every SSH_FXP_NAME reply (a listing, a
     * realpath) from UTF-8 to {@code names}.
     */
    private static final class NameEncodingSftpSubsystem extends SftpSubsystem {

        private final Charset names;

        NameEncodingSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, Charset names) {
            super(channel, configurator);
            this.names = names;
        }

        @Override
        protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
            int paths = switch (type) {
                case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR, SftpConstants.SSH_FXP_REMOVE,
                     SftpConstants.SSH_FXP_MKDIR, SftpConstants.SSH_FXP_RMDIR, SftpConstants.SSH_FXP_REALPATH,
                     SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_SETSTAT,
                     SftpConstants.SSH_FXP_READLINK -> 1;
                case SftpConstants.SSH_FXP_RENAME, SftpConstants.SSH_FXP_SYMLINK -> 2;
                default -> 0;
            };
            int before = buffer.available();
            Buffer utf8 = new ByteArrayBuffer();
            if (type == SftpConstants.SSH_FXP_EXTENDED) {
                // JSch renames by OpenSSH's posix-rename when the server offers it, as MINA does
                int start = buffer.rpos();
                String extension = buffer.getString(StandardCharsets.UTF_8);
                paths = extension.equals("posix-rename@openssh.com") || extension.equals("hardlink@openssh.com") ? 2
                        : extension.equals("statvfs@openssh.com") ? 1 : 0;
                if (paths == 0) {
                    buffer.rpos(start);
                } else {
                    utf8.putString(extension, StandardCharsets.UTF_8);
                }
            }
            if (paths == 0) {
                super.doProcess(buffer, length, type, id);
                return;
            }
            for (int i = 0; i < paths; i++) {
                utf8.putString(new String(buffer.getBytes(), names), StandardCharsets.UTF_8);
            }
            utf8.putRawBytes(buffer.array(), buffer.rpos(), buffer.available());
            super.doProcess(utf8, length - before + utf8.available(), type, id);
        }

        @Override
        protected void send(Buffer reply) throws IOException {
            byte[] bytes = reply.array();
            // [length placeholder][type][id][payload], from the start of the array (prepareReply)
            if (reply.wpos() < 13 || bytes[4] != SftpConstants.SSH_FXP_NAME || getVersion() != SftpConstants.SFTP_V3) {
                super.send(reply);
                return;
            }
            Buffer in = new ByteArrayBuffer(bytes, 9, reply.wpos() - 9);
            Buffer out = new ByteArrayBuffer();
            out.putRawBytes(bytes, 0, 9);
            int count = in.getInt();
            out.putInt(count);
            for (int i = 0; i < count; i++) {
                out.putString(in.getString(StandardCharsets.UTF_8), names);   // filename
                out.putString(in.getString(StandardCharsets.UTF_8), names);   // longname
                int attributes = in.rpos();
                int flags = in.getInt();
                if ((flags & SftpConstants.SSH_FILEXFER_ATTR_SIZE) != 0) {
                    in.getLong();
                }
                if ((flags & SftpConstants.SSH_FILEXFER_ATTR_UIDGID) != 0) {
                    in.getInt();
                    in.getInt();
                }
                if ((flags & SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS) != 0) {
                    in.getInt();
                }
                if ((flags & SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME) != 0) {
                    in.getInt();
                    in.getInt();
                }
                if ((flags & SftpConstants.SSH_FILEXFER_ATTR_EXTENDED) != 0) {
                    for (int n = in.getInt(); n > 0; n--) {
                        in.getBytes();
                        in.getBytes();
                    }
                }
                out.putRawBytes(bytes, attributes, in.rpos() - attributes);
            }
            out.putRawBytes(bytes, in.rpos(), in.available());
            super.send(out);
        }
    }
}
