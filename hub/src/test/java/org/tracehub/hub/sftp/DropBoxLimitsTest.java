package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;
import static org.tracehub.hub.sftp.DropBoxFixture.BETA;
import static org.tracehub.hub.sftp.DropBoxFixture.BETA_PASSWORD;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.testing.MutableClock;

/** The upload limits: file size and files per hour, each refused with an SFTP error and never taken in. */
class DropBoxLimitsTest {

    private static final int MAX_SIZE = 1000;
    private static final int FILES_PER_HOUR = 3;

    @TempDir
    Path tempDir;

    private final RecordingListener listener = new RecordingListener();
    private final MutableClock clock = new MutableClock();
    private DropBoxServer server;
    private Path alphaInbox;

    @BeforeEach
    void start() {
        DropBoxSettings base = DropBoxFixture.twoSources(tempDir);
        DropBoxSettings limited = new DropBoxSettings(base.port(), base.host(), base.root(), base.hostKeyFile(), base.idleTimeout(),
                base.accounts(), new DropBoxLimits(MAX_SIZE, FILES_PER_HOUR, 5, 30, Duration.ofMinutes(15)));
        server = new DropBoxServer(limited, listener, clock);
        server.start();
        alphaInbox = server.layout().inbox(ALPHA);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void fileOfExactlyTheMaximumSizeIsTaken() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD)) {
            write(alpha, "/inbox/max.csv", MAX_SIZE);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
        assertThat(listener.uploads().get(0).contentWhenReported()).hasSize(MAX_SIZE);
    }

    @Test
    void writeBeyondTheMaximumSizeIsRefusedAndThePartialFileIsRemovedNotTaken() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD)) {
            assertThatThrownBy(() -> write(alpha, "/inbox/huge.csv", MAX_SIZE + 1))
                    .isInstanceOfSatisfying(SftpException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
                        assertThat(e.getMessage()).contains("文件超过平台允许的大小（1000字节），未接收（FILE_TOO_LARGE）");
                    });
        }

        assertThat(alphaInbox.resolve("huge.csv")).doesNotExist();
        assertThat(listener.uploads()).isEmpty();
    }

    @Test
    void sftp6UploadWhoseOpenDeclaresNoSizeIsRefusedByTheBytesWrittenAndNothingIsLeftOrTaken() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD);
             SftpClient v6 = SftpClientFactory.instance().createSftpClient(alpha.session(), SftpVersionSelector.fixedVersionSelector(6))) {
            assertThat(v6.getVersion()).as("negotiated").isEqualTo(6);
            CloseableHandle handle = v6.open("/inbox/huge.csv", OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            byte[] slice = new byte[256];
            Arrays.fill(slice, (byte) 'x');
            // the size is known only as the bytes arrive: the write that would pass the limit is refused
            for (int offset = 0; offset + slice.length <= MAX_SIZE; offset += slice.length) {
                v6.write(handle, offset, slice);
            }
            long written = (MAX_SIZE / slice.length) * slice.length;
            assertThatThrownBy(() -> v6.write(handle, written, slice))
                    .isInstanceOfSatisfying(SftpException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
                        assertThat(e.getMessage()).contains("文件超过平台允许的大小（1000字节），未接收（FILE_TOO_LARGE）");
                    });
            // and so is one at an offset beyond it (a client writing its blocks out of order)
            assertThatThrownBy(() -> v6.write(handle, MAX_SIZE, new byte[] {'x'})).isInstanceOf(SftpException.class);
            handle.close();
        }

        assertThat(alphaInbox.resolve("huge.csv")).as("the partial file removed").doesNotExist();
        assertThat(listener.uploads()).as("never reported, so never taken").isEmpty();
    }

    @Test
    void sftp6UploadOfExactlyTheMaximumSizeIsTaken() throws Exception {
        byte[] content = new byte[MAX_SIZE];
        Arrays.fill(content, (byte) 'x');
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD);
             SftpClient v6 = SftpClientFactory.instance().createSftpClient(alpha.session(), SftpVersionSelector.fixedVersionSelector(6))) {
            assertThat(v6.getVersion()).isEqualTo(6);
            try (OutputStream out = v6.write("/inbox/max.csv")) {
                out.write(content);
            }
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
        assertThat(listener.uploads().get(0).contentWhenReported()).isEqualTo(content);
    }

    @Test
    void oversizedPartFileCannotBeCompletedByRenamingIt() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD)) {
            assertThatThrownBy(() -> write(alpha, "/inbox/huge.csv.part", 3 * MAX_SIZE)).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> alpha.sftp().rename("/inbox/huge.csv.part", "/inbox/huge.csv"))
                    .isInstanceOf(SftpException.class);
        }

        assertThat(alphaInbox).isEmptyDirectory();
        assertThat(listener.uploads()).isEmpty();
    }

    @Test
    void moreUploadsWithinAnHourThanAllowedAreRefusedUntilTheHourHasPassed() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD); SftpConnection beta = connect(BETA, BETA_PASSWORD)) {
            for (int i = 1; i <= FILES_PER_HOUR; i++) {
                alpha.upload("/inbox/f" + i + ".csv", "row " + i);
            }
            assertThatThrownBy(() -> alpha.upload("/inbox/f4.csv", "row 4"))
                    .isInstanceOfSatisfying(SftpException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains("一小时内上传文件数已达上限（3个），请稍后再传（TOO_MANY_UPLOADS）");
                    });
            assertThat(alphaInbox.resolve("f4.csv")).as("refused before anything was created").doesNotExist();
            beta.upload("/inbox/b1.csv", "another source's own count");

            clock.advance(Duration.ofMinutes(61));
            alpha.upload("/inbox/f4.csv", "row 4");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 5);
        assertThat(listener.fileNames()).containsExactlyInAnyOrder("f1.csv", "f2.csv", "f3.csv", "b1.csv", "f4.csv");
        assertThat(alphaInbox.resolve("f4.csv")).hasContent("row 4");
    }

    @Test
    void uploadsTheHubFailedToTakeInDoNotCountAgainstTheFilesPerHour() throws Exception {
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD)) {
            listener.refuse(true); // a full disk: each close is answered as not received
            for (int i = 1; i <= FILES_PER_HOUR; i++) {
                String name = "/inbox/f" + i + ".csv";
                assertThatThrownBy(() -> alpha.upload(name, "row")).isInstanceOf(SftpException.class)
                        .hasMessageContaining("（WRITE_FAILED）");
            }
            alpha.upload("/inbox/g.csv.part", "row");
            assertThatThrownBy(() -> alpha.sftp().rename("/inbox/g.csv.part", "/inbox/g.csv")).isInstanceOf(SftpException.class)
                    .hasMessageContaining("（WRITE_FAILED）");

            listener.refuse(false); // the disk has room again, within the same hour: the sender sends the files again
            for (int i = 1; i <= FILES_PER_HOUR; i++) {
                alpha.upload("/inbox/f" + i + ".csv", "row " + i);
            }
        }

        assertThat(listener.fileNames()).containsExactly("f1.csv", "f2.csv", "f3.csv");
    }

    @Test
    void everyUploadWithinTheHourlyLimitIsTakenWhenTheClientDeclaresAttributesInItsOpen() throws Exception {
        // OpenSSH and libssh2 send the permissions in their OPEN, WinSCP the size too: MINA then opens the file up to
        // three times for one upload, and each of them used to count as an upload of its own
        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            for (int i = 1; i <= FILES_PER_HOUR; i++) {
                byte[] content = ("row " + i).getBytes(StandardCharsets.UTF_8);
                byte[] handle = raw.openForUpload("/inbox/f" + i + ".csv", (long) content.length, 0644);
                assertThat(raw.write(handle, 0, content).ok()).isTrue();
                assertThat(raw.close(handle).ok()).isTrue();
            }
        }

        assertThat(listener.fileNames()).containsExactly("f1.csv", "f2.csv", "f3.csv");
    }

    @Test
    void aSizeLimitOfWholeMegabytesIsToldInMegabytes() {
        assertThat(UploadLimits.readable(200L * 1024 * 1024)).isEqualTo("200 MB");
        assertThat(UploadLimits.readable(1000)).isEqualTo("1000字节");
    }

    /** The HTTP upload refuses a file beyond the limit in these words too (it said 文件超过大小上限（209715200字节）). */
    @Test
    void theTooLargeReasonIsTheRefusalsWordsWithTheReadableSizeAndWithoutTheCode() {
        assertThat(DropBoxLimits.DEFAULT.fileTooLargeReason()).isEqualTo("文件超过平台允许的大小（200 MB），未接收");
    }

    @Test
    void anUploadWhileTheDataDiskIsBelowItsFloorIsRefusedAsAFailedWriteBeforeAnythingIsWrittenAndNotCounted() throws Exception {
        server.stop();
        AtomicLong free = new AtomicLong(999);
        DropBoxSettings base = DropBoxFixture.twoSources(tempDir);
        server = new DropBoxServer(new DropBoxSettings(base.port(), base.host(), base.root(), base.hostKeyFile(), base.idleTimeout(),
                base.accounts(), new DropBoxLimits(MAX_SIZE, FILES_PER_HOUR, 5, 30, Duration.ofMinutes(15))), listener,
                new LoginLockout(5, 30, Duration.ofMinutes(15), clock), clock, new DiskFloor(1000, free::get));
        server.start();

        try (SftpConnection alpha = connect(ALPHA, ALPHA_PASSWORD)) {
            for (int i = 0; i < FILES_PER_HOUR; i++) {
                String name = "/inbox/low-" + i + ".csv";
                assertThatThrownBy(() -> write(alpha, name, 10)).isInstanceOfSatisfying(SftpException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
                    assertThat(e.getMessage()).contains("平台暂时无法写入该文件，未接收，请稍后重新上传（WRITE_FAILED）");
                });
                assertThat(alphaInbox.resolve("low-" + i + ".csv")).as("not even created").doesNotExist();
            }

            free.set(1000);
            write(alpha, "/inbox/room.csv", 10);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
    }

    private SftpConnection connect(String user, String password) throws Exception {
        return SftpConnection.withPassword(server.port(), user, password);
    }

    private static void write(SftpConnection connection, String path, int bytes) throws Exception {
        byte[] content = new byte[bytes];
        Arrays.fill(content, (byte) 'x');
        try (OutputStream out = connection.sftp().write(path)) {
            // in slices, as a client does: the refusal comes with the first write past the limit
            for (int offset = 0; offset < bytes; offset += 256) {
                out.write(content, offset, Math.min(256, bytes - offset));
                out.flush();
            }
        }
    }
}
