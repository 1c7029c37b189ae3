package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/** The header a column read by position is compared with: the source's latest loaded file received before the batch. */
class PreviousLoadedHeaderOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void isTheSourcesLatestLoadedFileBeforeTheBatchPassingOverFailedFilesAndOtherSources(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        String older = batch(batches, jdbc, "a", 50, "LOADED", List.of("品名", "重量"), "v1");
        String loaded = batch(batches, jdbc, "a", 40, "LOADED", List.of("品名", "单价"), "v2");
        batch(batches, jdbc, "a", 30, "FAILED", List.of("失败", "文件"), "v2");
        batch(batches, jdbc, "b", 20, "LOADED", List.of("别的", "来源"), "v2");
        String current = batch(batches, jdbc, "a", 10, "RECEIVED", List.of("品名", "摊位"), null);
        batch(batches, jdbc, "a", 0, "LOADED", List.of("以后", "的文件"), "v2");

        assertThat(batches.previousLoadedHeader(current)).hasValueSatisfying(p -> {
            assertThat(p.batchId()).isEqualTo(loaded);
            assertThat(p.fileName()).isEqualTo("f" + 40 + ".csv");
            assertThat(p.titles()).containsExactly("品名", "单价");
            assertThat(p.specFingerprint()).isEqualTo("v2");
        });
        assertThat(batches.previousLoadedHeader(older)).isEmpty();
    }

    private static String batch(BatchRepository batches, JdbcClient jdbc, String source, int minutesAgo, String status,
            List<String> header, String fingerprint) {
        String id = String.format("20261202-%010d", 100 - minutesAgo);
        batches.insertReceived(new NewBatch(id, source, "f" + minutesAgo + ".csv", "f.csv", "archive/" + id + "/f.csv", 1,
                String.format("%064d", minutesAgo), Transport.SFTP, OffsetDateTime.now(CLOCK).minusMinutes(minutesAgo)));
        batches.recordFileHeader(id, 0, header);
        jdbc.sql("UPDATE batch SET status = ?, loaded_spec_fingerprint = ? WHERE id = ?").params(status, fingerprint, id).update();
        return id;
    }
}
