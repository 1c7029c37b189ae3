package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.InboxUploads;
import org.tracehub.routes.intake.IntakeStaging;
import org.tracehub.routes.intake.TakenFile;
import org.tracehub.routes.testing.HalfTakenFolders;

/**
 * A folder a crash left half-taken (its note written, its file still in the inbox) is finished by intake's sweep at
 * start-up, while the drop-box already listens and the sender — whose close was never answered — may be uploading the same
 * name again. The sweep never takes an upload that is still open, and never moves a file while an upload of its name opens.
 */
class HalfTakenLeftoverTest {

    private static final String LEFTOVER = "20261128-00000000aa";

    @TempDir
    Path dataDir;

    private DropBoxServer server;
    private IntakeStaging staging;
    private Path inbox;

    @BeforeEach
    void start() {
        HubStorage storage = new HubStorage(dataDir.toString());
        // the drop-box as the hub runs it: a completed upload is taken before its close is answered
        server = new DropBoxServer(DropBoxFixture.settings(dataDir, DropBoxFixture.passwordAccount(ALPHA, ALPHA_PASSWORD)),
                (sourceId, file) -> {
                    try {
                        staging.take(sourceId, file, file.getFileName().toString(), Transport.SFTP);
                    } catch (IOException e) {
                        throw new UploadNotTakenException("平台暂时无法接收该文件，未处理，请稍后重新上传", e);
                    }
                });
        staging = new IntakeStaging(storage, Clock.systemUTC(),
                new StaticListableBeanFactory(Map.of("dropBox", server)).getBeanProvider(InboxUploads.class));
        server.start();
        inbox = server.layout().inbox(ALPHA);
        assertThat(inbox).isEqualTo(storage.inbox(ALPHA));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aLeftoverWhoseNameIsBeingUploadedAgainWaitsAndTheUploadIsTakenWholeByItsOwnClose() throws Exception {
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            SftpClient sftp = alpha.sftp();
            CloseableHandle upload = sftp.open("/inbox/trades.csv", OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            sftp.write(upload, 0, bytes("row1\n"));
            Path leftover = HalfTakenFolders.halfTaken(staging, ALPHA, LEFTOVER, inbox.resolve("trades.csv"));

            assertThat(staging.pending()).as("the sweep at start-up").isEmpty();
            assertThat(inbox.resolve("trades.csv")).as("the open upload stays where its sender writes").hasContent("row1\n");
            assertThat(leftover.resolve("trades.csv")).doesNotExist();

            sftp.write(upload, 5, bytes("row2\n"));
            upload.close();
        }

        List<TakenFile> waiting = staging.pending();
        assertThat(waiting).as("the upload, taken by its close; the leftover, without a file now, removed").hasSize(1);
        assertThat(waiting.get(0).batchId()).isNotEqualTo(LEFTOVER);
        assertThat(waiting.get(0).file()).hasContent("row1\nrow2\n");
        assertThat(staging.takenRoot(ALPHA).resolve(LEFTOVER)).doesNotExist();
    }

    @Test
    void anUploadOfTheNameTheSweepIsMovingIsRefusedAndTheLeftoverTakenIn() throws Exception {
        Path file = Files.writeString(inbox.resolve("trades.csv"), "old1\nold2\n");
        Path leftover = HalfTakenFolders.halfTaken(staging, ALPHA, LEFTOVER, file);
        AtomicBoolean refused = new AtomicBoolean();
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            boolean moved = server.unlessUploading(ALPHA, file, () -> {
                assertThatThrownBy(() -> alpha.sftp().open("/inbox/trades.csv", OpenMode.Write, OpenMode.Create, OpenMode.Truncate))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getMessage()).startsWith("同名文件正在上传中"));
                refused.set(true);
            });
            assertThat(moved).isTrue();
        }
        assertThat(refused).isTrue();
        assertThat(file).as("not truncated by the refused upload").hasContent("old1\nold2\n");

        List<TakenFile> waiting = staging.pending();
        assertThat(waiting).extracting(TakenFile::batchId).containsExactly(LEFTOVER);
        assertThat(leftover.resolve("trades.csv")).hasContent("old1\nold2\n");
        assertThat(file).doesNotExist();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
