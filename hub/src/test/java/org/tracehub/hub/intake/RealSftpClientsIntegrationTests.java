package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The drop-box with the clients senders really use: OpenSSH's {@code sftp} in batch mode with an
 * ed25519 key, and {@code curl sftp://} with a password; both check the drop-box's host key strictly.
 * Each uploads the market's export and reads its receipt back over SFTP.
 */
class RealSftpClientsIntegrationTests extends IntakeIntegrationSupport {

    @Test
    void openSshSftpWithAKeyUploadsAnExportAndReadsItsReceipt() throws Exception {
        String name = uniqueName();
        byte[] content = variant();
        Path local = clientFile(name, content);

        ProcessResult put = openSshSftp(XJ, "put " + local + " inbox/" + name);
        assertThat(put.exitCode()).as("sftp put: %s", put.output()).isZero();

        Map<String, Object> batch = awaitBatch(XJ, name, Set.of("LOADED"));
        assertThat(batch).containsEntry("transport", "SFTP").containsEntry("rows_read", 10L).containsEntry("rows_accepted", 7L)
                .containsEntry("rows_rejected", 3L);
        List<CSVRecord> onHub = awaitReceipt(XJ, name, (String) batch.get("id"), "LOADED");

        Path fetched = local.resolveSibling(name + ".receipt.csv");
        ProcessResult get = openSshSftp(XJ, "get outbox/" + name + ".receipt.csv " + fetched);
        assertThat(get.exitCode()).as("sftp get: %s", get.output()).isZero();
        List<CSVRecord> receipt = parseReceipt(Files.readAllBytes(fetched));
        assertThat(receipt).extracting(CSVRecord::toList).isEqualTo(onHub.stream().map(CSVRecord::toList).toList());
        assertThat(line(receipt, "文件名").get(1)).isEqualTo(name);
        assertThat(line(receipt, "读取行数").get(1)).isEqualTo("10");
        assertThat(line(receipt, "接受行数").get(1)).isEqualTo("7");
        assertThat(line(receipt, "拒绝行数").get(1)).isEqualTo("3");
        assertThat(problems(receipt)).isEqualTo(SAMPLE_PROBLEMS);
        assertThat(Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(content);
    }

    @Test
    void curlWithAPasswordUploadsAnExportAndReadsItsReceipt() throws Exception {
        String source = "meat-xj-2";
        String name = uniqueName();
        byte[] content = variant();
        Path local = clientFile(name, content);

        ProcessResult put = run(Duration.ofSeconds(60), curlSftp(source, "--upload-file", local.toString(), sftpUrl("inbox/" + name)));
        assertThat(put.exitCode()).as("curl upload: %s", put.output()).isZero();

        Map<String, Object> batch = awaitBatch(source, name, Set.of("LOADED"));
        awaitReceipt(source, name, (String) batch.get("id"), "LOADED");
        Path fetched = local.resolveSibling("receipt.csv");
        ProcessResult get = run(Duration.ofSeconds(60), curlSftp(source, "--output", fetched.toString(),
                sftpUrl("outbox/" + name + ".receipt.csv")));
        assertThat(get.exitCode()).as("curl download: %s", get.output()).isZero();

        List<CSVRecord> receipt = parseReceipt(Files.readAllBytes(fetched));
        assertThat(line(receipt, "文件名").get(1)).isEqualTo(name);
        assertThat(line(receipt, "批次号").get(1)).isEqualTo(batch.get("id"));
        assertThat(line(receipt, "状态").get(2)).isEqualTo("LOADED");
        assertThat(problems(receipt)).isEqualTo(SAMPLE_PROBLEMS);
        assertThat(receipt.get(receipt.indexOf(line(receipt, "行号")) + 3).get(6)).as("formula-safe").isEqualTo("'-35");
    }

    @Test
    void clientsRefuseADropBoxWhoseHostKeyIsNotTheOneTheyKnow() throws Exception {
        Path local = clientFile(uniqueName(), variant());

        ProcessResult curl = run(Duration.ofSeconds(60), List.of("curl", "--silent", "--show-error", "--fail",
                "--user", "meat-xj-3:" + password("meat-xj-3"), "--hostpubsha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--upload-file", local.toString(), sftpUrl("inbox/" + local.getFileName())));

        assertThat(curl.exitCode()).as("curl: %s", curl.output()).isNotZero();
        assertThat(inbox("meat-xj-3").resolve(local.getFileName().toString())).doesNotExist();
        assertThat(batches("meat-xj-3", local.getFileName().toString())).isEmpty();
    }
}
