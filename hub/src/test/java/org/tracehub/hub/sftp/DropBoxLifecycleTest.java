package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropBoxLifecycleTest {

    @TempDir
    Path tempDir;

    @Test
    void hostKeyIsKeptAcrossRestarts() throws Exception {
        DropBoxSettings settings = DropBoxFixture.twoSources(tempDir);

        DropBoxServer first = new DropBoxServer(settings, new RecordingListener());
        first.start();
        PublicKey keyBefore = serverKeySeenByClient(first);
        String fingerprintBefore = first.hostKeyFingerprint();
        first.stop();
        byte[] keyFile = Files.readAllBytes(settings.hostKeyFile());

        DropBoxServer second = new DropBoxServer(settings, new RecordingListener());
        second.start();
        try {
            PublicKey keyAfter = serverKeySeenByClient(second);
            assertThat(KeyUtils.compareKeys(keyBefore, keyAfter)).isTrue();
            assertThat(second.hostKeyFingerprint()).isEqualTo(fingerprintBefore);
            assertThat(Files.readAllBytes(settings.hostKeyFile())).isEqualTo(keyFile);
        } finally {
            second.stop();
        }
    }

    @Test
    void fingerprintIsTheOneClientsSee() throws Exception {
        DropBoxServer server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), new RecordingListener());
        server.start();
        try {
            PublicKey seen = serverKeySeenByClient(server);
            assertThat(server.hostKeyFingerprint())
                    .startsWith("SHA256:")
                    .isEqualTo(KeyUtils.getFingerPrint(BuiltinDigests.sha256, seen));
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesToReplaceAnUnreadableHostKey() throws Exception {
        DropBoxSettings settings = DropBoxFixture.twoSources(tempDir);
        Files.createDirectories(settings.hostKeyFile().getParent());
        Files.writeString(settings.hostKeyFile(), "not a key");

        DropBoxServer server = new DropBoxServer(settings, new RecordingListener());

        assertThatThrownBy(server::start).isInstanceOf(RuntimeException.class);
        assertThat(server.isRunning()).isFalse();
        assertThat(settings.hostKeyFile()).hasContent("not a key");
    }

    @Test
    void healthFollowsTheServer() {
        DropBoxServer server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), new RecordingListener());
        DropBoxHealth health = new DropBoxHealth(server);

        assertThat(health.check().up()).isFalse();
        assertThat(health.check().port()).isEqualTo(-1);

        server.start();
        try {
            DropBoxHealth.Status status = health.check();
            assertThat(status.up()).isTrue();
            assertThat(status.port()).isEqualTo(server.port()).isPositive();
            assertThat(status.hostKeyFingerprint()).isEqualTo(server.hostKeyFingerprint());
        } finally {
            server.stop();
        }

        assertThat(health.check().up()).isFalse();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void canBeStartedAgainAfterStop() throws Exception {
        DropBoxServer server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), new RecordingListener());
        server.start();
        server.stop();
        server.start();
        try {
            assertThat(server.isRunning()).isTrue();
            try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
                assertThat(alpha.session().isAuthenticated()).isTrue();
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void reportsAPortThatCannotBeBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DropBoxSettings base = DropBoxFixture.twoSources(tempDir);
            DropBoxSettings clash = new DropBoxSettings(taken.getLocalPort(), "127.0.0.1", base.root(),
                    base.hostKeyFile(), base.idleTimeout(), base.accounts());
            DropBoxServer server = new DropBoxServer(clash, new RecordingListener());

            assertThatThrownBy(server::start).isInstanceOf(UncheckedIOException.class);
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void closesSessionsThatStayIdle() throws Exception {
        DropBoxSettings base = DropBoxFixture.twoSources(tempDir);
        DropBoxSettings impatient = new DropBoxSettings(0, "127.0.0.1", base.root(), base.hostKeyFile(),
                Duration.ofSeconds(1), base.accounts());
        DropBoxServer server = new DropBoxServer(impatient, new RecordingListener());
        server.start();
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> alpha.session().isClosed());
        } finally {
            server.stop();
        }
    }

    private static PublicKey serverKeySeenByClient(DropBoxServer server) throws Exception {
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            return alpha.serverKey();
        }
    }
}
