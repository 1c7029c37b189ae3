package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sender's client dies halfway through an upload: nothing of it is taken in. Its upload again,
 * complete this time, is taken in exactly once.
 */
class InterruptedUploadIntegrationTests extends IntakeIntegrationSupport {

    private static final int ROWS = 3000;

    @Test
    void clientKilledMidUploadLeavesNothingProcessedAndItsRetriedUploadIsProcessedOnce() throws Exception {
        String source = "meat-xj-4";
        String name = uniqueName();
        byte[] content = export(ROWS);
        Path local = clientFile(name, content);
        Path onHub = inbox(source).resolve(name);

        // a slow line: 32 KB/s for about 400 KB, killed once the first bytes have arrived
        Process slow = new ProcessBuilder(curlSftp(source, "--limit-rate", "32k", "--upload-file", local.toString(),
                sftpUrl("inbox/" + name))).redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(onHub) && Files.size(onHub) > 0);
        slow.destroyForcibly();
        assertThat(slow.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // nothing to wait for positively: the drop-box never reports a file whose upload was cut off
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> batches(source, name).isEmpty());
        assertThat(Files.size(onHub)).as("the partial file stays for the sender to replace").isLessThan(content.length);

        ProcessResult again = run(Duration.ofSeconds(120), curlSftp(source, "--upload-file", local.toString(), sftpUrl("inbox/" + name)));
        assertThat(again.exitCode()).as("curl: %s", again.output()).isZero();

        Map<String, Object> batch = awaitBatch(source, name, Set.of("LOADED"));
        assertThat(batch).containsEntry("size_bytes", (long) content.length).containsEntry("rows_read", (long) ROWS)
                .containsEntry("rows_accepted", (long) ROWS).containsEntry("rows_rejected", 0L);
        assertThat(Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        assertThat(batches(source, name)).as("taken in once").hasSize(1);
        assertThat(onHub).doesNotExist();
        awaitReceipt(source, name, (String) batch.get("id"), "LOADED");
    }

    @Test
    void anUploadTheHubCannotTakeInFailsAtTheSendersClientAndItsUploadAgainIsTakenOnce() throws Exception {
        String name = uniqueName();
        byte[] content = variant();
        Path local = clientFile(name, content);
        Path takenRoot = inbox(XJ).resolve(".taken");
        // the hub cannot make the upload's batch folder, as on a full disk: a file lies where the folder goes
        await().atMost(WAIT).until(() -> !Files.isDirectory(takenRoot) || isEmpty(takenRoot));
        Files.deleteIfExists(takenRoot);
        Files.write(takenRoot, new byte[0]);
        ProcessResult refused;
        try {
            refused = openSshSftp(XJ, "put " + local + " inbox/" + name);
        } finally {
            Files.delete(takenRoot);
        }

        assertThat(refused.exitCode()).as("OpenSSH sftp reports the failed close: %s", refused.output()).isNotZero();
        // OpenSSH prints the status, not its text (which DropBoxUploadTest reads with MINA's client)
        assertThat(refused.output()).contains("close remote: Failure");
        assertThat(batches(XJ, name)).as("nothing taken in").isEmpty();
        assertThat(inbox(XJ).resolve(name)).as("left as an interrupted upload is, for the upload again").hasBinaryContent(content);

        ProcessResult again = openSshSftp(XJ, "put " + local + " inbox/" + name);
        assertThat(again.exitCode()).as("sftp put: %s", again.output()).isZero();
        Map<String, Object> batch = awaitBatch(XJ, name, Set.of("LOADED"));
        assertThat(Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        assertThat(batches(XJ, name)).as("taken in once").hasSize(1);
        awaitReceipt(XJ, name, (String) batch.get("id"), "LOADED");
    }

    private static boolean isEmpty(Path folder) throws java.io.IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /** An export of the market's layout with that many valid rows, each its own voucher and trace code. */
    private static byte[] export(int rows) {
        String tag = Long.toString(System.nanoTime() % 100_000_000L);
        StringBuilder csv = new StringBuilder("西郊国际农产品交易中心 肉类交易明细（2026年11月27日）\r\n"
                + "序号,交易凭证号,追溯码,交易时间,买方名称,买方信用代码,品名,重量(斤),单价(元/斤),检疫证号,肉品品质检验证号,进场批次号,产地\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",XJV").append(tag).append(String.format("%05d", i)).append(",XJK").append(tag)
                    .append(String.format("%05d", i)).append(",2026/11/27 3:15,上海联家超市有限公司,91310112087994932F,白条猪,256.5,13.20,")
                    .append("3100123456,310012611270001,TZ2611260088,341122\r\n");
        }
        return csv.toString().getBytes(GB18030);
    }
}
