package org.tracehub.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs a parameterised test class on the embedded default (H2) and on a real PostgreSQL: subclasses
 * use {@code @MethodSource("databases")} and {@link #migrate} to start from a freshly migrated store. The PostgreSQL
 * server is the test JVM's shared one ({@link SharedPostgres}).
 */
@ExtendWith(SharedPostgres.class)
public abstract class BothDatabases {

    /** A plan node's rows (times its loops), or the rows its filter or recheck threw away: what each node read. */
    private static final Pattern READ = Pattern.compile(
            "actual(?: time=\\S+)? rows=(\\d+) loops=(\\d+)|Rows Removed by (?:Filter|Index Recheck|Join Filter): (\\d+)");

    private static LocalPostgres postgres;

    /** The test JVM's one server: a test that uses the store cleans and migrates it first ({@link #migrate}). */
    @BeforeAll
    static void usePostgres(LocalPostgres shared) {
        postgres = shared;
    }

    /**
     * H2 and PostgreSQL, the latter through a pool of its own, as the hub connects: a new PostgreSQL connection is a new
     * server process, dozens of times a statement's cost, and a test that opened one per statement spent most of its time
     * on them. JUnit closes the pool after the test (an {@link AutoCloseable} argument), so no session outlives its test.
     */
    protected static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", new DriverManagerDataSource("jdbc:h2:mem:store" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")),
                Arguments.of("postgresql", pooled(postgres.jdbcUrl())));
    }

    private static HikariDataSource pooled(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(postgres.user());
        config.setPassword("");
        // connections as a test asks for them, not the pool's ten at once
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** The PostgreSQL server, as a test of PostgreSQL alone uses it. */
    protected static DataSource postgres() {
        return new DriverManagerDataSource(postgres.jdbcUrl(), postgres.user(), "");
    }

    /**
     * Where the PostgreSQL server's log ends now, for {@link #postgresLogSince}. Skips the test on a server that
     * {@code TRACEHUB_TEST_PG_URL} names: its log is not ours to read.
     */
    protected static long postgresLogMark() throws IOException {
        Optional<Path> log = postgres.serverLog();
        Assumptions.assumeTrue(log.isPresent(), "the log of a server the tests did not start is not read");
        return Files.size(log.get());
    }

    /** What the PostgreSQL server logged after the mark. */
    protected static String postgresLogSince(long mark) throws IOException {
        byte[] log = Files.readAllBytes(postgres.serverLog().orElseThrow());
        return new String(log, (int) mark, log.length - (int) mark, StandardCharsets.UTF_8);
    }

    /**
     * Runs the work on one session of {@code ds} (a PostgreSQL the tests started), given to it as a data source, that logs each statement's executed plan
     * (auto_explain, loaded for that session only), and keeps what each plan node read: what the code really sends, with
     * its parameters, not a statement's text planned apart. With {@code genericPlans}, each statement is planned as one the
     * driver has prepared is after its fifth run (PostgreSQL's generic plan, blind to the parameters' values).
     */
    protected static <T> Executed<T> executedOnPostgres(DataSource ds, boolean genericPlans, Function<DataSource, T> work)
            throws IOException, java.sql.SQLException {
        long mark = postgresLogMark();
        T result;
        try (java.sql.Connection connection = ds.getConnection()) {
            DataSource session = new SingleConnectionDataSource(connection, true);
            JdbcClient jdbc = JdbcClient.create(session);
            jdbc.sql("LOAD 'auto_explain'").update();
            jdbc.sql("SET auto_explain.log_min_duration = 0").update();
            jdbc.sql("SET auto_explain.log_analyze = on").update();
            jdbc.sql("SET auto_explain.log_timing = off").update();
            if (genericPlans) {
                jdbc.sql("SET plan_cache_mode = force_generic_plan").update();
            }
            result = work.apply(session);
        }
        String plans = postgresLogSince(mark);
        List<Long> read = new ArrayList<>();
        Matcher counts = READ.matcher(plans);
        while (counts.find()) {
            read.add(counts.group(3) != null ? Long.parseLong(counts.group(3))
                    : Long.parseLong(counts.group(1)) * Long.parseLong(counts.group(2)));
        }
        return new Executed<>(result, read, plans);
    }

    /** The work's result, the rows each plan node read (or threw away), and the plans as the server logged them. */
    public record Executed<T>(T result, List<Long> rowsRead, String plans) {
    }

    /** PostgreSQL as the hub's postgres profile connects: the driver sends a JDBC batch as multi-row inserts. */
    protected static DataSource postgresWithBatchesRewritten() {
        return pooled(postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    }

    protected static String[] locations(String vendor) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + vendor};
    }

    /** Cleans the database and applies every migration. */
    protected static JdbcClient migrate(String vendor, DataSource ds) {
        Flyway.configure().dataSource(ds).cleanDisabled(false).locations(locations(vendor)).load().clean();
        upgrade(vendor, ds);
        return JdbcClient.create(ds);
    }

    /** Cleans the database and applies the migrations up to {@code version}: a store as an older hub left it. */
    protected static JdbcClient migrateTo(String vendor, DataSource ds, String version) {
        Flyway.configure().dataSource(ds).cleanDisabled(false).locations(locations(vendor)).load().clean();
        Flyway.configure().dataSource(ds).locations(locations(vendor)).target(version).load().migrate();
        return JdbcClient.create(ds);
    }

    /** Applies the migrations the database does not have yet, as a newer hub does at start-up. */
    protected static void upgrade(String vendor, DataSource ds) {
        Flyway.configure().dataSource(ds).locations(locations(vendor)).load().migrate();
    }

    /** Every row of a query, each as its columns' text (a NULL as null). */
    protected static List<List<String>> rows(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query((rs, i) -> {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.add(rs.getString(c));
            }
            return row;
        }).list();
    }
}
