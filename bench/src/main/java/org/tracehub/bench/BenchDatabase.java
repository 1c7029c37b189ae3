package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Where a case writes, chosen by {@code -Dbench.database}: {@code h2} (the default) is an H2 file per run, the hub's
 * embedded default and the configuration issue #9 defines its targets on; {@code postgresql} is a database per run on
 * one throw-away PostgreSQL server the harness starts ({@link BenchRunner}), the production database. A case names its
 * database by a path ({@code …/runs/FloorLoad-1/db}); on PostgreSQL the path's last two names make the database's
 * name. The harness hands the server's address to its child JVMs as {@code -Dbench.pg-url}.
 */
final class BenchDatabase {

    static final String DATABASE = "bench.database";
    static final String PG_URL = "bench.pg-url";
    static final String PG_USER = "bench.pg-user";
    /** The settings of the hub's own H2 URL ({@code hub/src/main/resources/application.yml}), so every case writes alike. */
    static final String HUB_H2_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private BenchDatabase() {
    }

    static boolean postgres() {
        String database = System.getProperty(DATABASE, "h2");
        if (!database.equals("h2") && !database.equals("postgresql")) {
            throw new IllegalArgumentException("-D" + DATABASE + " is h2 or postgresql, not " + database);
        }
        return database.equals("postgresql");
    }

    /** {@code h2} or {@code postgresql}: the vendor folder of the store's migrations and Spring Batch's schema script. */
    static String vendor() {
        return postgres() ? "postgresql" : "h2";
    }

    /**
     * H2: the hub's embedded default ({@code jdbc:h2:file:…} and {@link #HUB_H2_SETTINGS}) plus {@code bench.h2-settings}
     * (e.g. {@code ;COMPRESS=TRUE}) when a setting is tried — the hub gets the same through
     * {@code bench.hub-args=--spring.datasource.url=…}. PostgreSQL: the server's database of that name; every case,
     * the hub included, with {@code reWriteBatchedInserts} (the driver sends a JDBC batch as multi-row inserts, which
     * the hub's store builds itself), so that the floor and the plain job get the driver's fastest batch.
     */
    static String url(String db) {
        if (postgres()) {
            return serverUrl() + name(db) + "?reWriteBatchedInserts=true";
        }
        return "jdbc:h2:file:" + db + HUB_H2_SETTINGS + System.getProperty("bench.h2-settings", "");
    }

    static String user() {
        return postgres() ? System.getProperty(PG_USER, "tracehub") : "sa";
    }

    static String password() {
        return "";
    }

    /** A fresh, empty database for a run: H2's file of an earlier run removed, PostgreSQL's database dropped and created. */
    static void recreate(String db) throws IOException, SQLException {
        if (postgres()) {
            drop(db);
            onServer("CREATE DATABASE " + name(db));
        } else {
            deleteH2Files(db);
        }
    }

    /**
     * Removes a run's database once measured: 1,000,000 rows of the store take 5–9 GB, and a full run has some twenty
     * such runs. PostgreSQL's is dropped; H2's files go too unless {@code -Dbench.keep-data=true} keeps them for a look
     * (then until the next run of the case replaces them).
     */
    static void drop(String db) throws SQLException, IOException {
        if (postgres()) {
            onServer("DROP DATABASE IF EXISTS " + name(db) + " WITH (FORCE)");
        } else if (!keepData()) {
            deleteH2Files(db);
        }
    }

    private static void deleteH2Files(String db) throws IOException {
        Files.deleteIfExists(Path.of(db + ".mv.db"));
        Files.deleteIfExists(Path.of(db + ".trace.db"));
    }

    /** {@code -Dbench.keep-data=true}: keep each run's H2 files and the hub's data folder after it is measured. */
    static boolean keepData() {
        return Boolean.getBoolean("bench.keep-data");
    }

    /** {@code …/runs/hub-meat-wholesale-xj-100000-1/db} → {@code bench_hub_meat_wholesale_xj_100000_1_db}. */
    static String name(String db) {
        Path path = Path.of(db);
        String parent = path.getParent() == null ? "" : path.getParent().getFileName() + "_";
        return ("bench_" + parent + path.getFileName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static String serverUrl() {
        String url = System.getProperty(PG_URL);
        if (url == null) {
            throw new IllegalStateException("-D" + PG_URL + " is not set: PostgreSQL cases run under BenchRunner, which starts the server");
        }
        return url.substring(0, url.lastIndexOf('/') + 1);
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty(PG_URL), user(), password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
