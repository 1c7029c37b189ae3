package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.tracehub.platform.batch.BatchRetention;

/**
 * A batch whose archived original the purge deleted at the end of its retention: the console and the API say so
 * instead of reporting a tampered archive, offer no reprocess, and say that the row problems went with the original
 * (its counts stay) rather than showing a batch without problems or an empty error report.
 */
class PurgedArchiveTest extends ConsoleTestSupport {

    @Autowired
    BatchRetention retention;

    @Test
    void aPurgedOriginalIsGoneNotMissingAndThePageSaysItsProblemsWentWithIt() {
        String id = ingestSample("meat-purged");
        // as the purge marks a batch whose retention ended (a cutoff after its receipt and its last change)
        assertThat(retention.markArchivePurged(id, java.time.OffsetDateTime.now().plusDays(1))).isTrue();

        Map<String, Object> problem = http().get().uri("/api/batches/{id}/original", id).exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(410);
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
        assertThat(problem).containsEntry("code", "ARCHIVE_PURGED");
        assertThat((String) problem.get("detail")).contains(id, "已超过保存期限");

        String page = http().get().uri("/console/batches/{id}", id).retrieve().body(String.class);
        assertThat(page).contains("id=\"original-purged\"", "已超过保存期限", "问题行明细").doesNotContain("id=\"download-original\"")
                .doesNotContain("id=\"reprocess\"").doesNotContain("id=\"download-errors\"").doesNotContain("没有问题行");
        // the counts stay: rows 5, 8 and 10 were rejected
        assertThat(ConsolePagesTest.section(page, "id=\"problems-purged\"", "</p>")).contains("问题行明细已随原始文件", "拒绝 3 行");

        Map<String, Object> report = http().get().uri("/api/batches/{id}/errors.xlsx", id).exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(410);
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
        assertThat(report).containsEntry("code", "ARCHIVE_PURGED");
        assertThat((String) report.get("detail")).contains(id, "问题行明细");
    }
}
