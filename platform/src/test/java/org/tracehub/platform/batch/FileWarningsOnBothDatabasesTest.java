package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The warnings of a file as a whole (V36) are kept with the batch, not as a problem row: read back with it, the same
 * after a restart records them again, and gone with a new attempt, which records its own.
 */
class FileWarningsOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final FileWarnings ABSENT = new FileWarnings(List.of(
            new FileWarnings.Entry("XML_PATH_ABSENT", "emergency_code", "extension.elevator.emergencyCode",
                    "整个文件中没有任何一条记录含有“emergency_code”\u0000"),
            new FileWarnings.Entry("XML_PATH_ABSENT", "mes:Output/@uom", null, "…")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFilesWarningsAreReadBackWithTheBatchUntilANewAttemptStartsWithoutThem(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);
        String id = "20261202-00000000f1";
        batches.insertReceived(new NewBatch(id, "elevator-maint-husheng", "wb.xml", "wb.xml", "archive/2026/12/02/" + id + "/wb.xml",
                100, "ff".repeat(32), Transport.SFTP, OffsetDateTime.now(CLOCK)));
        int attempt = batches.startAttempt(id);

        batches.recordFileWarnings(id, attempt, ABSENT);
        batches.recordFileWarnings(id, attempt, ABSENT);

        assertThat(batches.findById(id).orElseThrow().fileWarnings().entries())
                .extracting(FileWarnings.Entry::code, FileWarnings.Entry::column, FileWarnings.Entry::field, FileWarnings.Entry::message)
                .containsExactly(
                        tuple("XML_PATH_ABSENT", "emergency_code", "extension.elevator.emergencyCode",
                                "整个文件中没有任何一条记录含有“emergency_code”\uFFFD"),
                        tuple("XML_PATH_ABSENT", "mes:Output/@uom", null, "…"));

        batches.startAttempt(id);

        assertThat(batches.findById(id).orElseThrow().fileWarnings().isEmpty()).isTrue();
    }
}
