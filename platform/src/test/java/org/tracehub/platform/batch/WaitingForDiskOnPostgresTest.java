package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The batches waiting for disk space, looked for every 5 minutes on every node, in a store of some years: FAILED batches
 * of other causes are kept until someone reprocesses them, and the look reads the few waiting ones alone — also planned
 * as the driver plans a statement it has prepared (PostgreSQL's generic plan, blind to the values).
 */
class WaitingForDiskOnPostgresTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @Test
    void theBatchesWaitingForDiskAreReadFromTheirOwnIndexNotFromEveryFailedBatch() throws Exception {
        DataSource ds = postgres();
        JdbcClient jdbc = migrate("postgresql", ds);
        // five years of batches, one in five FAILED for a processing error; the three newest FAILED for a full disk
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, transport, received_at, "
                + "status, failure_code, updated_at) SELECT lpad(i::text, 20, '0'), 'src' || (i % 7), 'f.csv', 'f.csv', 'archive/f.csv', "
                + "1000, md5(i::text) || md5(i::text), 'SFTP', timestamptz '2021-12-01' + i * interval '79 seconds', "
                + "CASE WHEN i > 20000 OR i % 5 = 0 THEN 'FAILED' ELSE 'LOADED' END, "
                + "CASE WHEN i > 20000 THEN 'DISK_FULL' WHEN i % 5 = 0 THEN 'PROCESSING_ERROR' END, "
                + "timestamptz '2021-12-01' + i * interval '79 seconds' FROM generate_series(1, 20003) i").update();
        jdbc.sql("ANALYZE batch").update();

        for (boolean generic : List.of(false, true)) {
            Executed<List<String>> look = executedOnPostgres(ds, generic,
                    session -> new BatchRepository(JdbcClient.create(session), new InsertIfAbsent(session), CLOCK)
                            .findWaitingForDisk(100));

            assertThat(look.result()).containsExactly("00000000000000020001", "00000000000000020002", "00000000000000020003");
            assertThat(look.rowsRead()).as(look.plans()).isNotEmpty().allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(3L));
        }
    }
}
