package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.tracehub.platform.batch.BatchRetention;

/**
 * A batch whose archived original the purge deleted at the end of its retention: the console and the API say so
 * instead of reporting a tampered archive, offer no reprocess, and still list the rejected rows and their problems.
 */
class PurgedArchiveTest extends ConsoleTestSupport {

    @Autowired
    BatchRetention retention;

    @Test
    void aPurgedOriginalIsGoneNotMissingAndTheRejectedRowsAreStillListedWithTheirProblems() throws Exception {
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
        assertThat(page).contains("id=\"original-purged\"", "已超过保存期限").doesNotContain("id=\"download-original\"")
                .doesNotContain("id=\"reprocess\"");
        // rows 5, 8 and 10 stay rejections on the page, not warnings, though their cells went with the original
        assertThat(ConsolePagesTest.section(page, "id=\"problem-table\"", "</table>").split("class=\"rejected\"", -1)).hasSize(4);

        byte[] report = http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().body(byte[].class);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            Sheet rows = workbook.getSheet("被拒绝的行");
            assertThat(rows.getLastRowNum()).isEqualTo(3);
            List<String> codes = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                assertThat(rows.getRow(r).getCell(0).getNumericCellValue()).isIn(5.0, 8.0, 10.0);
                codes.addAll(texts(rows.getRow(r)));
            }
            assertThat(codes).contains("USCC_CHARACTER", "CERTIFICATE_REQUIRED", "QUANTITY_NOT_POSITIVE");
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell cell : row) {
            texts.add(cell.toString());
        }
        return texts;
    }
}
