package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Twenty uploads at once, four from each of five sources, by twenty curl processes: exactly twenty
 * batches, each with the exact counts of its file, and each receipt in its own source's outbox names
 * its own file and batch.
 */
class ConcurrentUploadsIntegrationTests extends IntakeIntegrationSupport {

    private static final int PER_SOURCE = 4;

    @Test
    void twentyConcurrentUploadsFromFiveSourcesMakeTwentyBatchesWithTheirOwnReceipts() throws Exception {
        record Upload(String source, String name, byte[] content, Process client) {
        }
        List<Upload> uploads = new ArrayList<>();
        for (String source : SOURCES) {
            for (int i = 0; i < PER_SOURCE; i++) {
                String name = uniqueName();
                byte[] content = variant();
                Path local = clientFile(name, content);
                Process client = new ProcessBuilder(curlSftp(source, "--upload-file", local.toString(), sftpUrl("inbox/" + name)))
                        .redirectErrorStream(true).start();
                uploads.add(new Upload(source, name, content, client));
            }
        }
        for (Upload upload : uploads) {
            assertThat(upload.client().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(upload.client().exitValue()).as("curl for %s: %s", upload.name(),
                    new String(upload.client().getInputStream().readAllBytes())).isZero();
        }

        await().atMost(WAIT).until(() -> uploads.stream().allMatch(u -> batches(u.source(), u.name()).stream()
                .anyMatch(b -> "LOADED".equals(b.get("status")))));

        Map<String, String> batchIds = new LinkedHashMap<>();
        for (Upload upload : uploads) {
            List<Map<String, Object>> batches = batches(upload.source(), upload.name());
            assertThat(batches).as("batches of %s from %s", upload.name(), upload.source()).hasSize(1);
            Map<String, Object> batch = batches.get(0);
            assertThat(batch).containsEntry("status", "LOADED").containsEntry("rows_read", 10L).containsEntry("rows_accepted", 7L)
                    .containsEntry("rows_rejected", 3L).containsEntry("rows_skipped", 1L).containsEntry("rows_warned", 1L);
            assertThat(Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(upload.content());
            batchIds.put(upload.source() + "/" + upload.name(), (String) batch.get("id"));
        }
        assertThat(batchIds.values()).doesNotHaveDuplicates().hasSize(20);

        for (Upload upload : uploads) {
            String batchId = batchIds.get(upload.source() + "/" + upload.name());
            List<CSVRecord> receipt = awaitReceipt(upload.source(), upload.name(), batchId, "LOADED");
            assertThat(line(receipt, "文件名").get(1)).isEqualTo(upload.name());
            assertThat(line(receipt, "批次号").get(1)).isEqualTo(batchId);
            assertThat(line(receipt, "读取行数").get(1)).isEqualTo("10");
            assertThat(line(receipt, "接受行数").get(1)).isEqualTo("7");
            assertThat(line(receipt, "拒绝行数").get(1)).isEqualTo("3");
            assertThat(problems(receipt)).isEqualTo(SAMPLE_PROBLEMS);
        }
        for (String source : SOURCES) {
            try (var receipts = Files.list(outbox(source))) {
                List<String> names = receipts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".receipt.csv")).toList();
                assertThat(names).as("receipts of %s are only for its own files", source)
                        .allMatch(n -> uploads.stream().noneMatch(u -> !u.source().equals(source) && n.equals(u.name() + ".receipt.csv")));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> SOURCES.stream().allMatch(s -> !Files.exists(inbox(s).resolve(".taken"))));
    }
}
