package org.tracehub.platform.testing;

import java.time.OffsetDateTime;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An H2 store, migrated as the hub migrates it, holding batches and audit entries spread as years of them are (300
 * sources, every status in its usual share, 6,000 batches a day, two audit entries in three about a batch), and
 * analysed as H2 analyses a growing table by itself: for query-plan tests. H2 chooses its indexes from the tables' row
 * counts and columns' selectivity, so an empty store would not plan as the hub's does; the plan is what the test asserts,
 * not a time, so it cannot flake on a busy machine.
 */
public final class GrownStoreOnH2 {

    /** A day the store's batches cover (its last batch is received at 2029-06-01 00:00+08): a period's bounds for plans. */
    public static final OffsetDateTime DAY_START = OffsetDateTime.parse("2029-05-30T00:00+08:00");
    public static final OffsetDateTime DAY_END = OffsetDateTime.parse("2029-05-31T00:00+08:00");

    private final JdbcClient jdbc;

    private GrownStoreOnH2(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new in-memory store with {@code rows} batches and as many audit entries. */
    public static GrownStoreOnH2 withRows(int rows) {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:grown-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        // row X received (N - X) × 14.4 s before the last: 6,000 a day; statuses in about their shares, every source in each
        String receivedAt = "DATEADD(MILLISECOND, -CAST((" + rows + " - X) AS BIGINT) * 14400, TIMESTAMP WITH TIME ZONE '2029-06-01 00:00:00+08')";
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, content_key, transport, "
                        + "received_at, status, attempt, rows_read, rows_accepted, rows_rejected, updated_at, receipt_status, receipt_attempt, "
                        + "receipt_at) "
                        + "SELECT id, source_id, 'f.csv', 'f.csv', 'a/f.csv', 1000, REPEAT('0', 64), 'k' || id, 'SFTP', received_at, status, "
                        + "1, 100, 90, 10, DATEADD(MINUTE, 1, received_at), status, 1, DATEADD(MINUTE, 2, received_at) FROM ("
                        + "SELECT 'B' || LPAD(X, 10, '0') id, 'source-' || MOD(X, 300) source_id, " + receivedAt + " received_at, "
                        + "CASE WHEN MOD(X, 97) < 82 THEN 'LOADED' WHEN MOD(X, 97) < 87 THEN 'FAILED' WHEN MOD(X, 97) < 92 THEN 'DUPLICATE' "
                        + "WHEN MOD(X, 97) < 94 THEN 'STAGED' WHEN MOD(X, 97) = 94 THEN 'UNKNOWN_SOURCE' WHEN MOD(X, 97) = 95 THEN 'EMPTY' "
                        + "ELSE 'RECEIVED' END status FROM SYSTEM_RANGE(1, :rows))")
                .param("rows", rows).update();
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, batch_id, source_id, outcome) "
                        + "SELECT " + receivedAt + ", 'admin', 'DOWNLOAD_ORIGINAL', CASE WHEN MOD(X, 3) = 0 THEN NULL "
                        + "ELSE 'B' || LPAD(X, 10, '0') END, 'source-' || MOD(X, 300), 200 FROM SYSTEM_RANGE(1, :rows)")
                .param("rows", rows).update();
        jdbc.sql("ANALYZE").update();
        return new GrownStoreOnH2(jdbc);
    }

    /** Changes the store (a statement without parameters) and analyses it again, as H2 would once the change grew. */
    public GrownStoreOnH2 change(String sql) {
        jdbc.sql(sql).update();
        jdbc.sql("ANALYZE").update();
        return this;
    }

    /**
     * H2's plan of a statement with its named parameters, on one line. It names the index read and the conditions looked
     * up in it ({@code PUBLIC.IX_BATCH_RECEIVED: RECEIVED_AT >= ?1}), or {@code PUBLIC.BATCH.tableScan} for a read of the
     * whole table; {@code index sorted} when the rows come off the index in the ORDER BY's order (a page reads its own
     * rows only), {@code direct lookup} for a count the table answers itself.
     */
    public String plan(String sql, Map<String, ?> params) {
        return jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).single().replace('\n', ' ');
    }
}
