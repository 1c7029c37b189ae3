package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class EmbeddedH2CompactionTest {

    /**
     * H2 frees a dead chunk only 45 s after it was written; these tests make a year's commits in seconds, without the
     * wait, so that the file is what the years would leave.
     */
    private static final String WITHOUT_RETENTION = ";RETENTION_TIME=0";
    private static final int STAGED_PER_COMMIT = 20;
    private static final int STAGED_KEPT = 2000;

    private final Random random = new Random(7);

    @TempDir
    Path dataDir;

    /**
     * Each commit as an import's chunk makes it: a batch row kept for ever (and an earlier batch's status), staged rows the
     * purge deletes once newer ones came. Without the compaction the file reached 11 times its live data after these
     * 3,000 commits (14.6 MB), growing by about 5 KB with every commit; with it, the file went up and down between 1.4 and
     * 5.7 MB (at most 4.3 times the live data: freed space inside the file, which later commits fill again).
     */
    @Test
    void theFileStaysNearItsLiveDataWhenRowsKeptForEverAreCommittedBesideRowsThePurgeDeletes() throws Exception {
        String url = shippedUrl() + WITHOUT_RETENTION;
        Path file = dataDir.resolve("db/tracehub.mv.db");
        long size;
        try (HikariDataSource pool = new HikariDataSource(); Connection c = DriverManager.getConnection(url, "sa", "")) {
            pool.setJdbcUrl(url);
            pool.setUsername("sa");
            // as the hub's pool hands it out: H2's connection behind Hikari's proxy
            EmbeddedH2Compaction compaction = new EmbeddedH2Compaction(pool, Duration.ofMinutes(5));
            createTables(c);
            for (int i = 1; i <= 3000; i += 200) {
                commitImports(c, i, i + 199);
                compaction.compactOnce();
            }
            size = Files.size(file);
            c.createStatement().execute("SHUTDOWN COMPACT");
        }
        long liveData = Files.size(file);

        assertThat(size).as("file of %d bytes of live data", liveData).isLessThan(6 * liveData);
    }

    @Test
    void aCommitIsInTheFileWhenItReturnsAfterTheFileWasCompacted() throws Exception {
        String url = shippedUrl() + WITHOUT_RETENTION;
        EmbeddedH2Compaction compaction = new EmbeddedH2Compaction(new DriverManagerDataSource(url, "sa", ""), Duration.ofMinutes(5));
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            createTables(c);
            commitImports(c, 1, 300);
            assertThat(compaction.compactOnce()).as("steps that rewrote chunks").isPositive();
            c.createStatement().executeUpdate("UPDATE batch SET status = 'FAILED' WHERE id = 300");
            c.commit();

            // the file as a killed hub leaves it: copied while the database is open, nothing closed or flushed after the commit
            Path killed = Files.createDirectories(dataDir.resolve("killed"));
            Files.copy(dataDir.resolve("db/tracehub.mv.db"), killed.resolve("tracehub.mv.db"));

            JdbcClient copy = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:file:" + killed.resolve("tracehub"), "sa", ""));
            assertThat(copy.sql("SELECT status FROM batch WHERE id = 300").query(String.class).single()).isEqualTo("FAILED");
            assertThat(copy.sql("SELECT COUNT(*) FROM batch WHERE status = 'LOADED'").query(Long.class).single()).isEqualTo(297);
            assertThat(copy.sql("SELECT COUNT(*) FROM staged_event").query(Long.class).single()).isEqualTo(STAGED_KEPT);
        }
    }

    @Test
    void anInMemoryH2HasNoFileToCompact() throws Exception {
        String url = "jdbc:h2:mem:compaction" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            createTables(c);
            assertThat(new EmbeddedH2Compaction(new DriverManagerDataSource(url, "sa", ""), Duration.ofMinutes(5)).compactOnce()).isZero();
        }
    }

    /**
     * Batches {@code from} to {@code to}, a commit each as an import's chunk makes it: the batch's row, which is kept for
     * ever, the status of the batch three before, staged rows; and the purge every tenth commit, keeping the newest
     * {@link #STAGED_KEPT}.
     */
    private void commitImports(Connection c, long from, long to) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement batch = c.prepareStatement("INSERT INTO batch VALUES (?, 'RECEIVED', ?)");
             PreparedStatement loaded = c.prepareStatement("UPDATE batch SET status = 'LOADED' WHERE id = ?");
             PreparedStatement stage = c.prepareStatement("INSERT INTO staged_event VALUES (?, ?, ?)");
             PreparedStatement purge = c.prepareStatement("DELETE FROM staged_event WHERE id <= ?")) {
            for (long i = from; i <= to; i++) {
                batch.setLong(1, i);
                batch.setString(2, text());
                batch.executeUpdate();
                loaded.setLong(1, i - 3);
                loaded.executeUpdate();
                long staged = (i - 1) * STAGED_PER_COMMIT;
                for (int k = 1; k <= STAGED_PER_COMMIT; k++) {
                    stage.setLong(1, staged + k);
                    stage.setLong(2, i);
                    stage.setString(3, text());
                    stage.addBatch();
                }
                stage.executeBatch();
                if (i % 10 == 0) {
                    purge.setLong(1, i * STAGED_PER_COMMIT - STAGED_KEPT);
                    purge.executeUpdate();
                }
                c.commit();
            }
        }
    }

    /** spring.datasource.url as the hub ships it. */
    private String shippedUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("db/tracehub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch (id BIGINT PRIMARY KEY, status VARCHAR(20), header VARCHAR(300))");
            s.execute("CREATE TABLE staged_event (id BIGINT PRIMARY KEY, batch_id BIGINT, payload VARCHAR(300))");
        }
    }

    /** Random letters: H2 compresses the file SHUTDOWN COMPACT writes, and a repeated character would make it tiny. */
    private String text() {
        char[] chars = new char[250];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
