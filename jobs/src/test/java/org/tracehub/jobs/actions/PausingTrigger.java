package org.tracehub.jobs.actions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real H2 row trigger that holds the writing transaction when it writes a chosen row, so a test
 * can look at the store from another connection while a job's transaction is open half-way, then
 * let it go on. Only one pause at a time.
 */
public class PausingTrigger implements Trigger {

    private static volatile Predicate<Map<String, Object>> match = row -> false;
    private static volatile CountDownLatch reached = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);
    /** A statement-level trigger before a query (H2 has no row trigger on SELECT): it holds the first query it sees. */
    private static volatile boolean onSelect;

    private final Map<String, Integer> columns = new HashMap<>();

    /** Creates the trigger; the writer pauses at the first row of {@code table} whose columns have the given values. */
    public static void install(JdbcClient jdbc, String table, String timing, Map<String, Object> columnValues) {
        Map<String, Object> upper = new HashMap<>();
        columnValues.forEach((k, v) -> upper.put(k.toUpperCase(), v));
        installWhere(jdbc, table, timing, row -> upper.entrySet().stream().allMatch(e -> row.get(e.getKey()) != null
                && row.get(e.getKey()).toString().equals(e.getValue().toString())));
    }

    /** Creates the trigger; the writer pauses at the first row of {@code table} that the test accepts (columns by upper-case name). */
    public static void installWhere(JdbcClient jdbc, String table, String timing, Predicate<Map<String, Object>> row) {
        match = row;
        onSelect = false;
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        jdbc.sql("CREATE TRIGGER test_pause " + timing + " ON " + table + " FOR EACH ROW CALL '" + PausingTrigger.class.getName() + "'")
                .update();
    }

    /**
     * Creates the trigger; the first query that reads {@code table} from now on is held before it reads: a test can change
     * what that query would have read, as another node would between two of this node's statements.
     */
    public static void installBeforeSelect(JdbcClient jdbc, String table) {
        match = row -> true;
        onSelect = true;
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        jdbc.sql("CREATE TRIGGER test_pause BEFORE SELECT ON " + table + " CALL '" + PausingTrigger.class.getName() + "'").update();
    }

    public static void remove(JdbcClient jdbc) {
        release.countDown();
        jdbc.sql("DROP TRIGGER IF EXISTS test_pause").update();
    }

    /** Waits until a writer is held at the row. */
    public static void awaitReached() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no writer reached the paused row");
        }
    }

    /** Lets the held writer go on. */
    public static void release() {
        release.countDown();
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toUpperCase(), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (reached.getCount() == 0 || newRow == null && !onSelect) {
            return;
        }
        if (newRow != null) {
            Map<String, Object> row = new HashMap<>();
            columns.forEach((name, index) -> row.put(name, newRow[index]));
            if (!match.test(row)) {
                return;
            }
        }
        reached.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
