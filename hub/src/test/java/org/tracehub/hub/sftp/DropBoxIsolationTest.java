package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;
import static org.tracehub.hub.sftp.DropBoxFixture.BETA;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a source can see and change: only its own folders, and of those only inbox/ for writing. */
class DropBoxIsolationTest {

    @TempDir
    Path tempDir;

    private final RecordingListener listener = new RecordingListener();
    private DropBoxServer server;
    private DropBoxLayout layout;

    @BeforeEach
    void start() throws Exception {
        server = new DropBoxServer(DropBoxFixture.twoSources(tempDir), listener);
        server.start();
        layout = server.layout();
        Files.writeString(layout.inbox(BETA).resolve("beta-secret.csv"), "beta only");
        Files.writeString(layout.outbox(BETA).resolve("beta.receipt.csv"), "beta only");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void createsEachSourcesFoldersAtStart() {
        assertThat(layout.inbox(ALPHA)).isDirectory();
        assertThat(layout.outbox(ALPHA)).isDirectory();
        assertThat(layout.inbox(BETA)).isDirectory();
        assertThat(layout.outbox(BETA)).isDirectory();
    }

    @Test
    void sourceSeesOnlyItsOwnRoot() throws Exception {
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();

            assertThat(names(sftp, "/")).containsExactlyInAnyOrder("inbox", "outbox");
            assertThat(names(sftp, "/..")).containsExactlyInAnyOrder("inbox", "outbox");
            assertThat(names(sftp, "../../..")).containsExactlyInAnyOrder("inbox", "outbox");
            assertThat(sftp.canonicalPath("/../../..")).isEqualTo("/");

            for (String path : List.of("/beta/inbox", "../beta/inbox", "/../beta/inbox",
                    layout.inbox(BETA).toString(), "/inbox/../../beta/inbox")) {
                assertThatThrownBy(() -> names(sftp, path)).as(path).isInstanceOf(SftpException.class);
            }
            for (String path : List.of("/beta/inbox/beta-secret.csv", "../beta/inbox/beta-secret.csv",
                    "/inbox/../../beta/inbox/beta-secret.csv", layout.inbox(BETA).resolve("beta-secret.csv").toString(),
                    "../beta/outbox/beta.receipt.csv")) {
                assertThatThrownBy(() -> alpha.download(path)).as(path).isInstanceOf(SftpException.class);
            }
        }
    }

    @Test
    void uploadsWithEscapingPathsLandInsideTheOwnInboxOrNowhere() throws Exception {
        try (SftpConnection alpha = connect()) {
            alpha.upload("/../../inbox/climbed.csv", "x");
            assertDenied("只能上传到inbox目录", () -> alpha.upload("../beta/inbox/planted.csv", "x"));
        }
        assertThat(layout.inbox(ALPHA).resolve("climbed.csv")).hasContent("x");
        assertThat(layout.inbox(BETA).resolve("planted.csv")).doesNotExist();
        assertThat(tempDir.resolve("sftp/beta/inbox/planted.csv")).doesNotExist();
    }

    @Test
    void symlinksCannotLeadOutOfTheRoot() throws Exception {
        // As if someone with shell access on the hub had planted links in the source's folders.
        Files.createSymbolicLink(layout.outbox(ALPHA).resolve("to-beta"), layout.inbox(BETA));
        Files.createSymbolicLink(layout.outbox(ALPHA).resolve("secret.csv"),
                layout.inbox(BETA).resolve("beta-secret.csv"));

        try (SftpConnection alpha = connect()) {
            assertDenied("不能访问本账户目录以外的位置", () -> alpha.download("/outbox/secret.csv"));
            assertDenied("不能访问本账户目录以外的位置", () -> alpha.download("/outbox/to-beta/beta-secret.csv"));
            assertDenied("不能访问本账户目录以外的位置", () -> names(alpha.sftp(), "/outbox/to-beta"));
        }
    }

    @Test
    void sourceCannotCreateSymlinks() throws Exception {
        try (SftpConnection alpha = connect()) {
            assertDenied("不能建立链接", () -> alpha.sftp().symLink("/inbox/link.csv", "/outbox"));
        }
        assertThat(layout.inbox(ALPHA).resolve("link.csv")).doesNotExist();
    }

    @Test
    void outboxIsReadOnly() throws Exception {
        Files.writeString(layout.outbox(ALPHA).resolve("trades.csv.receipt.csv"), "status,ACCEPTED\n");
        Files.writeString(layout.inbox(ALPHA).resolve("uploaded.csv"), "u");

        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            assertThat(alpha.download("/outbox/trades.csv.receipt.csv")).isEqualTo("status,ACCEPTED\n");
            assertThat(names(sftp, "/outbox")).containsExactly("trades.csv.receipt.csv");

            assertDenied("只能上传到inbox目录", () -> alpha.upload("/outbox/forged.receipt.csv", "status,ACCEPTED"));
            assertDenied("只能上传到inbox目录", () -> alpha.upload("/outbox/trades.csv.receipt.csv", "overwritten"));
            assertDenied("只能删除inbox目录中的文件", () -> sftp.remove("/outbox/trades.csv.receipt.csv"));
            assertDenied("只能在inbox目录中改名", () -> sftp.rename("/outbox/trades.csv.receipt.csv", "/outbox/renamed.csv"));
            assertDenied("只能在inbox目录中改名", () -> sftp.rename("/outbox/trades.csv.receipt.csv", "/inbox/stolen.csv"));
            assertDenied("只能在inbox目录中改名", () -> sftp.rename("/inbox/uploaded.csv", "/outbox/uploaded.csv"));
            assertDenied("只能上传到inbox目录", () -> sftp.mkdir("/outbox/sub"));
            assertDenied("不能删除文件夹", () -> sftp.rmdir("/outbox"));
            SftpClient.Attributes attributes = new SftpClient.Attributes();
            attributes.setPermissions(0777);
            assertDenied("只能修改inbox目录中文件的时间和权限", () -> sftp.setStat("/outbox/trades.csv.receipt.csv", attributes));
        }

        assertThat(layout.outbox(ALPHA).resolve("trades.csv.receipt.csv")).hasContent("status,ACCEPTED");
        assertThat(layout.outbox(ALPHA).resolve("forged.receipt.csv")).doesNotExist();
        assertThat(layout.outbox(ALPHA).resolve("sub")).doesNotExist();
        assertThat(layout.inbox(ALPHA).resolve("uploaded.csv")).exists();
        assertThat(listener.uploads()).isEmpty();
    }

    @Test
    void nothingCanBeCreatedInTheAccountRoot() throws Exception {
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            assertDenied("只能上传到inbox目录", () -> alpha.upload("/stray.csv", "x"));
            assertDenied("只能上传到inbox目录", () -> sftp.mkdir("/extra"));
            assertDenied("不能在收件箱中建立文件夹", () -> sftp.mkdir("/inbox/sub"));
            assertDenied("不能删除文件夹", () -> sftp.rmdir("/inbox"));
            assertDenied("只能在inbox目录中改名", () -> sftp.rename("/inbox", "/renamed"));
        }
        try (var entries = Files.list(layout.home(ALPHA))) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("inbox", "outbox");
        }
        assertThat(layout.inbox(ALPHA)).isEmptyDirectory();
    }

    @Test
    void filesTheHubHasTakenCanBeReadButNotChangedByTheSource() throws Exception {
        Path taken = Files.createDirectories(layout.inbox(ALPHA).resolve(".taken/20261128-0123456789"));
        Files.writeString(taken.resolve("trades.csv"), "taken");

        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            assertThat(alpha.download("/inbox/.taken/20261128-0123456789/trades.csv")).isEqualTo("taken");
            assertDenied("inbox/.taken中是平台已接收的文件", () -> alpha.upload("/inbox/.taken/20261128-0123456789/trades.csv", "changed"));
            assertDenied("inbox/.taken中是平台已接收的文件", () -> alpha.upload("/inbox/.taken/planted.csv", "x"));
            assertDenied("inbox/.taken中是平台已接收的文件", () -> sftp.remove("/inbox/.taken/20261128-0123456789/trades.csv"));
            assertDenied("inbox/.taken中是平台已接收的文件", () -> sftp.rename("/inbox/.taken/20261128-0123456789/trades.csv", "/inbox/back.csv"));
            assertDenied("inbox/.taken中是平台已接收的文件", () -> sftp.rename("/inbox/.taken", "/inbox/elsewhere"));
            assertDenied("不能删除文件夹", () -> sftp.rmdir("/inbox/.taken/20261128-0123456789"));
            SftpClient.Attributes attributes = new SftpClient.Attributes();
            attributes.setPermissions(0);
            assertDenied("inbox/.taken中是平台已接收的文件", () -> sftp.setStat("/inbox/.taken", attributes));
        }

        assertThat(taken.resolve("trades.csv")).hasContent("taken");
        assertThat(layout.inbox(ALPHA).resolve("back.csv")).doesNotExist();
        assertThat(listener.uploads()).isEmpty();
    }

    @Test
    void inboxAcceptsUploadsRenamesAndRemovals() throws Exception {
        try (SftpConnection alpha = connect()) {
            SftpClient sftp = alpha.sftp();
            alpha.upload("/inbox/a.csv.part", "a");
            sftp.rename("/inbox/a.csv.part", "/inbox/a.csv");
            alpha.upload("inbox/b.csv", "b");
            sftp.remove("/inbox/b.csv");
            assertThat(names(sftp, "/inbox")).containsExactly("a.csv");
        }
        assertThat(layout.inbox(ALPHA).resolve("a.csv")).hasContent("a");
    }

    private SftpConnection connect() throws Exception {
        return SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD);
    }

    private static List<String> names(SftpClient sftp, String dir) throws Exception {
        List<String> names = new ArrayList<>();
        try {
            for (DirEntry entry : sftp.readDir(dir)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    names.add(entry.getFilename());
                }
            }
        } catch (UncheckedIOException e) {
            // The iterable form of readDir wraps the server's status; unwrap it so assertions see the SftpException.
            throw e.getCause();
        }
        return names;
    }

    /** Refused, and the sender's client shows the reason in Chinese. */
    private static void assertDenied(String reason, ThrowingCallable operation) {
        assertThatThrownBy(operation)
                .isInstanceOfSatisfying(SftpException.class, e -> {
                    assertThat(e.getStatus()).as(e.getMessage()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
