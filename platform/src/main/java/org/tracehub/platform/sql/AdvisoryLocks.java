package org.tracehub.platform.sql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * Work that one node at a time may do among nodes sharing a PostgreSQL database: a session-level advisory lock, taken on
 * a connection of its own and held for as long as the work runs, so that it covers work that commits many times (or uses
 * other connections) on the way; or, for work that is one transaction, a transaction-level lock taken in that
 * transaction ({@link #inTransactionHolding}), so that the work needs no second connection. A node that dies holding it
 * releases it with its connection. On any other database (the embedded H2, which one process alone can open) a node is
 * alone, and the work just runs.
 */
@Component
public class AdvisoryLocks {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private volatile Boolean postgres;

    public AdvisoryLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        // Spring binds a transaction's connection to its DataSource: the work's JdbcClient and JdbcTemplate statements on
        // this DataSource run on it, whichever manager began it
        this.transactions = new JdbcTransactionManager(dataSource);
    }

    /** A lock key for a name ({@code "pull:meat-wholesale-xj"}): the first 64 bits of its SHA-256, the same on every node. */
    public static long key(String name) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work run under a lock, which may throw a checked exception of its own (writing files, say). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs the work holding the lock, waiting for another node that holds it; what the work throws passes through. */
    public <T, E extends Exception> T holding(long key, Work<T, E> work) throws E {
        return underLock(key, true, work, null);
    }

    /**
     * Runs the work holding the lock unless another session holds it.
     *
     * @return false, without running the work, when another node holds the lock
     */
    public boolean tryHolding(long key, Runnable work) {
        return underLock(key, false, () -> {
            work.run();
            return true;
        }, false);
    }

    /**
     * Runs the work in a transaction on this DataSource (joining the thread's, if there is one) that first takes the lock
     * ({@code pg_advisory_xact_lock}, waiting for another node that holds it), and commits it; the commit, or the rollback
     * when the work throws, releases the lock. The lock and the work share one pooled connection: with a session lock on a
     * connection of its own, as many deliveries at once as the pool has connections each held one and waited for a
     * second, and failed after the pool's wait. The work's statements must go through Spring's JDBC on this DataSource to
     * be covered, and the work must do nothing that outlives a rollback unless it may be done twice.
     */
    public <T, E extends Exception> T inTransactionHolding(long key, Work<T, E> work) throws E {
        if (!postgres()) {
            return work.run();
        }
        TransactionStatus transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        T result;
        try {
            new JdbcTemplate(dataSource).execute("SELECT pg_advisory_xact_lock(" + key + ")");
            result = work.run();
        } catch (Throwable e) {
            try {
                transactions.rollback(transaction);
            } catch (RuntimeException notRolledBack) {
                e.addSuppressed(notRolledBack);
            }
            throw e;
        }
        transactions.commit(transaction);
        return result;
    }

    /** The work's result, or {@code whenHeld} when the lock is another session's and this one does not {@code wait}. */
    private <T, E extends Exception> T underLock(long key, boolean wait, Work<T, E> work, T whenHeld) throws E {
        if (!postgres()) {
            return work.run();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 ResultSet taken = statement.executeQuery((wait ? "SELECT pg_advisory_lock(" : "SELECT pg_try_advisory_lock(") + key + ")")) {
                // pg_advisory_lock returns once it holds the lock (void); the try says whether it got it
                if (!wait && (!taken.next() || !taken.getBoolean(1))) {
                    return whenHeld;
                }
            }
            try {
                return work.run();
            } finally {
                unlock(connection, key);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not take the advisory lock " + key, e);
        }
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + key + ")");
        } catch (SQLException e) {
            // a pooled connection that kept the lock would hold it for the pool's lifetime: end the session instead
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException notEnded) {
                e.addSuppressed(notEnded);
            }
            throw e;
        }
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equalsIgnoreCase(DatabaseProduct.of(dataSource));
            postgres = known;
        }
        return known;
    }
}
