package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which uploads the hub hears about. The listener runs before the server answers the close or rename, so once such a
 * client call has returned, an absent report is final and can be asserted at once.
 */
class DropBoxUploadTest {

    @TempDir
    Path tempDir;

    private final RecordingListener listener = new RecordingListener();
    private DropBoxServer server;
    private Path alphaInbox;

    @BeforeEach
    void start() {
        server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), listener);
        server.start();
        alphaInbox = server.layout().inbox(ALPHA);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void reportsUploadOnlyAfterTheFileIsClosed() throws Exception {
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            CloseableHandle handle = sftp.open("/inbox/trades.csv", OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            sftp.write(handle, 0, bytes("row1\n"));

            assertThat(listener.uploads()).isEmpty();

            sftp.write(handle, 5, bytes("row2\n"));
            handle.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
            RecordingListener.Upload upload = listener.uploads().get(0);
            assertThat(upload.sourceId()).isEqualTo(ALPHA);
            assertThat(upload.file()).isEqualTo(alphaInbox.resolve("trades.csv"));
            assertThat(upload.content()).isEqualTo("row1\nrow2\n");
        }
    }

    @Test
    void anUploadTheHubCannotTakeFailsTheClientsCloseOrRenameAndWaitsForItsUploadAgain() throws Exception {
        listener.refuse(true);
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            CloseableHandle handle = sftp.open("/inbox/trades.csv", OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            sftp.write(handle, 0, bytes("row1\n"));
            assertThatThrownBy(handle::close).as("the sender learns at once that the file was not received")
                    .isInstanceOf(SftpException.class).hasMessageContaining("平台暂时无法接收该文件，未处理，请稍后重新上传（WRITE_FAILED）");
            alpha.upload("/inbox/more.csv.part", "x\n");
            assertThatThrownBy(() -> sftp.rename("/inbox/more.csv.part", "/inbox/more.csv")).isInstanceOf(SftpException.class)
                    .hasMessageContaining("平台暂时无法接收该文件");

            assertThat(alphaInbox.resolve("trades.csv")).as("left as an interrupted upload is").hasContent("row1\n");
            assertThat(listener.uploads()).isEmpty();

            listener.refuse(false);
            alpha.upload("/inbox/trades.csv", "row1\nrow2\n");
            assertThat(listener.uploads()).singleElement().satisfies(upload -> assertThat(upload.content()).isEqualTo("row1\nrow2\n"));
        }
    }

    @Test
    void anUploadOnWhichAWriteFailedIsNotTakenWhenItsClientClosesIt() throws Exception {
        try (SftpConnection alpha = connect(); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            byte[] handle = raw.openForUpload("/inbox/trades.csv", null, null);
            assertThat(raw.write(handle, 0, bytes("row1\n")).ok()).isTrue();
            // an offset no file can have (2^64 - 1; MINA's high-level client will not send it) stands for a disk that
            // refuses the write: the server fails it, and the client closes the handle as usual
            assertThat(raw.write(handle, -1, bytes("row2\n")).ok()).isFalse();

            assertThat(raw.close(handle).ok()).isTrue();
        }

        assertThat(listener.uploads()).isEmpty();
        assertThat(alphaInbox.resolve("trades.csv")).as("left where it lies").hasContent("row1\n");
    }

    @Test
    void anUploadClosedShorterThanTheSizeItsClientDeclaredIsNotTakenAndTheCloseSaysWhy() throws Exception {
        try (SftpConnection alpha = connect(); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            // WinSCP declares the size in its OPEN; cancelled, it closes the handle cleanly all the same
            byte[] handle = raw.openForUpload("/inbox/trades.csv", 10L, null);
            assertThat(raw.write(handle, 0, bytes("row1")).ok()).isTrue();

            RawSftpSession.Status close = raw.close(handle);

            assertThat(close.ok()).isFalse();
            assertThat(close.message()).startsWith("文件未传完整（收到4字节，上传时声明10字节），未接收，请重新上传")
                    .endsWith("（UPLOAD_INCOMPLETE）");
        }

        assertThat(listener.uploads()).isEmpty();
        assertThat(alphaInbox.resolve("trades.csv")).as("left where it lies").hasContent("row1");
    }

    @Test
    void aFileNameSentInGbkIsRefusedWithTheReasonInsteadOfTakenWithItsChineseLost() throws Exception {
        try (SftpConnection alpha = connect(); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            // Xftp on a Chinese Windows: 交易明细_20261128.csv as GBK bytes
            assertThatThrownBy(() -> raw.openForUpload("/inbox/交易明细_20261128.csv", Charset.forName("GBK"), null, null))
                    .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage())
                            .startsWith("文件名不是UTF-8编码").endsWith("（NAME_NOT_UTF8）"));
            // the same name in UTF-8 is an upload like any other
            byte[] handle = raw.openForUpload("/inbox/交易明细_20261128.csv", StandardCharsets.UTF_8, null, null);
            assertThat(raw.write(handle, 0, bytes("row1\n")).ok()).isTrue();
            assertThat(raw.close(handle).ok()).isTrue();
        }

        assertThat(listener.fileNames()).containsExactly("交易明细_20261128.csv");
    }

    @Test
    void aTextModeUploadShorterThanDeclaredByExactlyItsLineFeedsIsWholeAndTaken() throws Exception {
        try (SftpConnection alpha = connect(); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            // WinSCP's text mode: 12 bytes on the sender's disk (row1\r\nrow2\r\n), sent as row1\nrow2\n
            byte[] handle = raw.openForUpload("/inbox/trades.csv", 12L, null);
            assertThat(raw.write(handle, 0, bytes("row1\nrow2\n")).ok()).isTrue();

            assertThat(raw.close(handle).ok()).isTrue();
        }

        assertThat(listener.fileNames()).containsExactly("trades.csv");
    }

    @Test
    void aSecondUploadOfANameBeingUploadedIsRefusedUntilTheFirstIsClosed() throws Exception {
        try (SftpConnection first = connect(); RawSftpSession a = new RawSftpSession(first.session());
             SftpConnection second = connect(); RawSftpSession b = new RawSftpSession(second.session())) {
            // a script's run overlapping the previous, slow one: both upload today's file
            byte[] handleA = a.openForUpload("/inbox/trades.csv", null, null);
            assertThat(a.write(handleA, 0, bytes("row1\n")).ok()).isTrue();

            assertThatThrownBy(() -> b.openForUpload("/inbox/trades.csv", null, null))
                    .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage())
                            .startsWith("同名文件正在上传中").endsWith("（SAME_NAME_UPLOADING）"));
            // nor by renaming a finished upload onto the name
            byte[] part = b.openForUpload("/inbox/trades.csv.part", null, null);
            assertThat(b.write(part, 0, bytes("other\n")).ok()).isTrue();
            assertThat(b.close(part).ok()).isTrue();
            assertThatThrownBy(() -> second.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv"))
                    .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage()).startsWith("同名文件正在上传中"));

            assertThat(a.write(handleA, 5, bytes("row2\n")).ok()).isTrue();
            assertThat(a.close(handleA).ok()).isTrue();
            assertThat(listener.fileNames()).containsExactly("trades.csv");
            assertThat(new String(listener.uploads().get(0).contentWhenReported(), StandardCharsets.UTF_8)).isEqualTo("row1\nrow2\n");

            // the name is free once the first upload was taken
            byte[] again = b.openForUpload("/inbox/trades.csv", null, null);
            assertThat(b.close(again).ok()).isTrue();
        }
    }

    @Test
    void twoOpensOfOneNameAtTheSameInstantRefuseTheSecondAndLeaveTheFirstUploadWhole() throws Exception {
        // The protocol alone cannot make two opens meet inside the server: a listener after the drop-box's own holds the
        // first open there (the drop-box has seen it, MINA has not yet created or truncated the file) until the second
        // connection's open of the name has been answered.
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        AtomicBoolean holdNext = new AtomicBoolean(true);
        server.stop();
        server.addSftpEventListener(new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                if (localHandle.getFile().endsWith("trades.csv") && holdNext.compareAndSet(true, false)) {
                    firstHeld.countDown();
                    try {
                        secondAnswered.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        server.start();

        try (SftpConnection first = connect(); RawSftpSession a = new RawSftpSession(first.session());
             SftpConnection second = connect(); RawSftpSession b = new RawSftpSession(second.session())) {
            // a sender's client retrying on a second connection while its first open is still on its way
            CompletableFuture<byte[]> firstOpen = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.openForUpload("/inbox/trades.csv", null, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(firstHeld.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            try {
                assertThatThrownBy(() -> b.openForUpload("/inbox/trades.csv", null, null))
                        .isInstanceOfSatisfying(SftpException.class, e -> {
                            assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
                            assertThat(e.getMessage()).startsWith("同名文件正在上传中").endsWith("（SAME_NAME_UPLOADING）");
                        });
            } finally {
                secondAnswered.countDown();
            }

            byte[] handleA = firstOpen.get(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(a.write(handleA, 0, bytes("row1\n")).ok()).isTrue();
            assertThat(a.write(handleA, 5, bytes("row2\n")).ok()).isTrue();
            assertThat(a.close(handleA).ok()).isTrue();
            assertThat(listener.uploads()).singleElement()
                    .satisfies(upload -> assertThat(upload.content()).isEqualTo("row1\nrow2\n"));

            // refused cleanly: the client's retry is an upload like any other
            byte[] retry = b.openForUpload("/inbox/trades.csv", null, null);
            assertThat(b.write(retry, 0, bytes("row1\nrow2\n")).ok()).isTrue();
            assertThat(b.close(retry).ok()).isTrue();
        }
        assertThat(listener.fileNames()).containsExactly("trades.csv", "trades.csv");
    }

    @Test
    void anUploadOrRenameOntoANameWhileARenameOntoItIsUnderWayIsRefusedAndTheRenamedFileIsTakenWhole() throws Exception {
        // A listener after the drop-box's own holds the first rename inside the server (the drop-box has looked at the
        // target, MINA has not moved the file yet) until the second connection's open and rename of the name are answered.
        listener.takeAway(true);
        CountDownLatch renameHeld = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        AtomicBoolean holdNext = new AtomicBoolean(true);
        server.stop();
        server.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) {
                if (dstPath.endsWith("trades.csv") && holdNext.compareAndSet(true, false)) {
                    renameHeld.countDown();
                    try {
                        secondAnswered.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        server.start();

        try (SftpConnection first = connect(); SftpConnection second = connect();
             RawSftpSession b = new RawSftpSession(second.session())) {
            // OpenSSH's sftp renames by posix-rename, which replaces an existing target
            OpenSSHPosixRenameExtension firstRename = first.sftp().getExtension(OpenSSHPosixRenameExtension.class);
            OpenSSHPosixRenameExtension secondRename = second.sftp().getExtension(OpenSSHPosixRenameExtension.class);
            first.upload("/inbox/trades.csv.part", "mine1\nmine2\n");
            second.upload("/inbox/theirs.csv.part", "theirs\n");
            CompletableFuture<Void> rename = CompletableFuture.runAsync(() -> {
                try {
                    firstRename.posixRename("/inbox/trades.csv.part", "/inbox/trades.csv");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(renameHeld.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            try {
                assertThatThrownBy(() -> b.openForUpload("/inbox/trades.csv", null, null))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage())
                                .startsWith("同名文件正在上传中").endsWith("（SAME_NAME_UPLOADING）"));
                assertThatThrownBy(() -> secondRename.posixRename("/inbox/theirs.csv.part", "/inbox/trades.csv"))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage())
                                .startsWith("同名文件正在上传中").endsWith("（SAME_NAME_UPLOADING）"));
            } finally {
                secondAnswered.countDown();
            }

            rename.get(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(listener.uploads()).singleElement()
                    .satisfies(upload -> assertThat(upload.content()).isEqualTo("mine1\nmine2\n"));

            // refused cleanly: the name is free once the renamed file was taken, and the retry is a rename like any other
            secondRename.posixRename("/inbox/theirs.csv.part", "/inbox/trades.csv");
        }
        assertThat(listener.uploads()).extracting(RecordingListener.Upload::content).containsExactly("mine1\nmine2\n", "theirs\n");
    }

    @Test
    void aRenameOfAFileAnotherConnectionIsStillUploadingIsRefusedUntilThatUploadIsClosed() throws Exception {
        try (SftpConnection writer = connect(); RawSftpSession a = new RawSftpSession(writer.session());
             SftpConnection renamer = connect()) {
            // a script's next run renaming the previous, slow run's upload before it was written whole
            byte[] handle = a.openForUpload("/inbox/trades.csv.part", null, null);
            assertThat(a.write(handle, 0, bytes("row1\n")).ok()).isTrue();

            assertThatThrownBy(() -> renamer.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv"))
                    .isInstanceOfSatisfying(SftpException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
                        assertThat(e.getMessage()).startsWith("要改名的文件正在上传或改名中").endsWith("（SAME_NAME_UPLOADING）");
                    });
            assertThat(listener.uploads()).as("nothing taken half-written").isEmpty();
            assertThat(alphaInbox.resolve("trades.csv.part")).as("left under its name for its writer").exists();

            assertThat(a.write(handle, 5, bytes("row2\n")).ok()).isTrue();
            assertThat(a.close(handle).ok()).isTrue();
            renamer.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv");
        }
        assertThat(listener.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.file().getFileName()).hasToString("trades.csv");
            assertThat(upload.content()).isEqualTo("row1\nrow2\n");
        });
    }

    @Test
    void aSecondRenameOfAFileWhileItsFirstRenameIsUnderWayIsRefusedAndTheFileIsTakenUnderTheFirstName() throws Exception {
        // A listener after the drop-box's own holds the first rename inside the server (MINA has checked the source, not
        // moved it yet) until the second connection's rename of the same file is answered.
        listener.takeAway(true);
        CountDownLatch renameHeld = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        AtomicBoolean holdNext = new AtomicBoolean(true);
        server.stop();
        server.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) {
                if (srcPath.endsWith("trades.csv.part") && holdNext.compareAndSet(true, false)) {
                    renameHeld.countDown();
                    try {
                        secondAnswered.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        server.start();

        try (SftpConnection first = connect(); SftpConnection second = connect()) {
            first.upload("/inbox/trades.csv.part", "row1\nrow2\n");
            CompletableFuture<Void> rename = CompletableFuture.runAsync(() -> {
                try {
                    first.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(renameHeld.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            try {
                assertThatThrownBy(() -> second.sftp().rename("/inbox/trades.csv.part", "/inbox/trades-retry.csv"))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage())
                                .startsWith("要改名的文件正在上传或改名中").endsWith("（SAME_NAME_UPLOADING）"));
            } finally {
                secondAnswered.countDown();
            }

            rename.get(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(listener.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.file().getFileName()).hasToString("trades.csv");
            assertThat(upload.content()).isEqualTo("row1\nrow2\n");
        });
    }

    @Test
    void aNameWhoseOpenFailedWithARuntimeExceptionIsFreeForTheNextUploadOnAnotherConnection() throws Exception {
        // A listener after the drop-box's own fails the first open of the name after the drop-box claimed it, with a
        // runtime exception as a file-system provider can throw one: MINA tells no listener of such a failed open.
        AtomicBoolean failNext = new AtomicBoolean(true);
        server.stop();
        server.addSftpEventListener(new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) {
                if (localHandle.getFile().endsWith("trades.csv") && failNext.compareAndSet(true, false)) {
                    throw new IllegalStateException("the file system failed");
                }
            }
        });
        server.start();

        try (SftpConnection failed = connect(); RawSftpSession a = new RawSftpSession(failed.session())) {
            assertThatThrownBy(() -> a.openForUpload("/inbox/trades.csv", null, null)).isInstanceOf(SftpException.class);
        }
        // the failed open's connection, and the server's thread that served it, are gone: nothing may hold the name now
        try (SftpConnection next = connect()) {
            next.upload("/inbox/trades.csv", "row1\n");
        }

        assertThat(listener.uploads()).singleElement().satisfies(upload -> assertThat(upload.content()).isEqualTo("row1\n"));
    }

    @Test
    void aNameIsFreeAgainOnceTheConnectionUploadingItDropped() throws Exception {
        try (SftpConnection dropped = connect(); SftpConnection next = connect(); RawSftpSession b = new RawSftpSession(next.session())) {
            RawSftpSession a = new RawSftpSession(dropped.session());
            byte[] handle = a.openForUpload("/inbox/trades.csv", null, null);
            assertThat(a.write(handle, 0, bytes("row1\n")).ok()).isTrue();

            dropped.session().close(true);

            // the server closes the dropped session's handles on its own time
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(SftpException.class)
                    .until(() -> b.openForUpload("/inbox/trades.csv", null, null) != null);
        }
        assertThat(listener.uploads()).as("an interrupted upload is never taken").isEmpty();
    }

    @Test
    void anUploadClosedAtTheSizeItsClientDeclaredIsTaken() throws Exception {
        try (SftpConnection alpha = connect(); RawSftpSession raw = new RawSftpSession(alpha.session())) {
            byte[] handle = raw.openForUpload("/inbox/trades.csv", 10L, 0644);
            assertThat(raw.write(handle, 0, bytes("row1\n")).ok()).isTrue();
            assertThat(raw.write(handle, 5, bytes("row2\n")).ok()).isTrue();

            assertThat(raw.close(handle).ok()).isTrue();
        }

        assertThat(listener.uploads()).singleElement().satisfies(upload -> assertThat(upload.content()).isEqualTo("row1\nrow2\n"));
    }

    @Test
    void settingTheTimeOrPermissionsOfAFileTheHubHasJustTakenSucceedsAsWinScpExpects() throws Exception {
        listener.takeAway(true);
        FileTime sentTime = FileTime.from(Instant.parse("2026-11-27T08:00:00Z"));
        SftpClient.Attributes times = new SftpClient.Attributes().accessTime(sentTime).modifyTime(sentTime);
        SftpClient.Attributes permissions = new SftpClient.Attributes().perms(0644);
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            alpha.upload("/inbox/trades.csv", "a\n");
            alpha.upload("/inbox/big.csv.filepart", "b\n");
            sftp.rename("/inbox/big.csv.filepart", "/inbox/big.csv");
            assertThat(alphaInbox.resolve("trades.csv")).as("taken").doesNotExist();

            sftp.setStat("/inbox/trades.csv", times);
            sftp.setStat("/inbox/trades.csv", permissions);
            sftp.setStat("/inbox/big.csv", times);

            assertThatThrownBy(() -> sftp.setStat("/inbox/never-sent.csv", times)).as("no success faked for other names")
                    .isInstanceOfSatisfying(SftpException.class,
                            e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
            assertThatThrownBy(() -> sftp.setStat("/inbox/trades.csv", new SftpClient.Attributes().size(0)))
                    .as("nor for a change of content").isInstanceOf(SftpException.class);
        }

        assertThat(listener.fileNames()).containsExactly("trades.csv", "big.csv");
        assertThat(alphaInbox.resolve(".taken/1/trades.csv")).hasContent("a");
    }

    @Test
    void ignoresPartFileUntilRenamed() throws Exception {
        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/trades.csv.part", "a,b\n1,2\n");
            alpha.upload("/inbox/other.csv.TMP", "x\n");

            assertThat(listener.uploads()).isEmpty();

            alpha.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv");

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
            assertThat(listener.uploads().get(0).file()).isEqualTo(alphaInbox.resolve("trades.csv"));
            assertThat(listener.uploads().get(0).content()).isEqualTo("a,b\n1,2\n");
        }
    }

    @Test
    void aWinScpFilepartIsTakenOnlyUnderTheNameItIsRenamedToWithItsWholeContent() throws Exception {
        String export = "a,b\n" + "1,2\n".repeat(40_000); // above WinSCP's 100 KB, where it writes x.filepart first
        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/x.csv.filepart", export);
            alpha.upload("/inbox/y.csv.partial", "y\n");

            assertThat(listener.uploads()).isEmpty();

            alpha.sftp().rename("/inbox/x.csv.filepart", "/inbox/x.csv");
        }

        assertThat(listener.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.file()).isEqualTo(alphaInbox.resolve("x.csv"));
            assertThat(upload.content()).isEqualTo(export);
        });
    }

    @Test
    void hiddenNamesCountAsUploadsInProgressUntilRenamed() throws Exception {
        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/.trades.csv", "a,b\n");

            assertThat(listener.uploads()).isEmpty();

            alpha.sftp().rename("/inbox/.trades.csv", "/inbox/trades.csv");

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
            assertThat(listener.fileNames()).containsExactly("trades.csv");
        }
    }

    @Test
    void renamingOneTemporaryNameToAnotherIsNotACompletedUpload() throws Exception {
        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/trades.csv.part", "a\n");
            alpha.sftp().rename("/inbox/trades.csv.part", "/inbox/trades.csv.tmp");

            assertThat(listener.uploads()).isEmpty();
        }
    }

    @Test
    void reportsZeroByteUpload() throws Exception {
        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/empty.csv", "");

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.uploads().size() == 1);
            assertThat(listener.uploads().get(0).file()).isEqualTo(alphaInbox.resolve("empty.csv"));
            assertThat(listener.uploads().get(0).contentWhenReported()).isEmpty();
        }
    }

    @Test
    void doesNotReportAnUploadCutOffByADroppedConnection() throws Exception {
        // the server closes the abandoned handle on its own schedule, through exiting: a listener after the drop-box's own
        // hears it once the completion detector has seen it too
        CountDownLatch closedByServer = new CountDownLatch(1);
        server.stop();
        server.addSftpEventListener(new SftpEventListener() {
            @Override
            public void exiting(ServerSession session, Handle handle) {
                if (handle.getFile().endsWith("half.csv")) {
                    closedByServer.countDown();
                }
            }
        });
        server.start();
        SftpConnection alpha = connect();
        SftpClient sftp = alpha.sftp();
        CloseableHandle handle = sftp.open("/inbox/half.csv", OpenMode.Write, OpenMode.Create);
        sftp.write(handle, 0, bytes("only the first half"));

        alpha.abandon();

        assertThat(closedByServer.await(SftpConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listener.uploads()).isEmpty();
        assertThat(alphaInbox.resolve("half.csv")).exists();
    }

    @Test
    void doesNotReportFilesThatWereOnlyRead() throws Exception {
        Files.writeString(alphaInbox.resolve("already-there.csv"), "old");
        try (SftpConnection alpha = connect()) {
            assertThat(alpha.download("/inbox/already-there.csv")).isEqualTo("old");
        }
        assertThat(listener.uploads()).isEmpty();
    }

    @Test
    void keepsTheUploadWhenTheListenerFails() throws Exception {
        server.stop();
        server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), (sourceId, file) -> {
            throw new IllegalStateException("hub is busy");
        });
        server.start();

        try (SftpConnection alpha = connect()) {
            alpha.upload("/inbox/trades.csv", "a\n");
        }

        assertThat(alphaInbox.resolve("trades.csv")).hasContent("a");
    }

    private SftpConnection connect() throws Exception {
        return SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
