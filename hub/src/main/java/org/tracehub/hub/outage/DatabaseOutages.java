package org.tracehub.hub.outage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Whether a failure means the database could not be reached, as opposed to a fault of the hub. What surfaces depends
 * on where the connection was lost: Spring's {@code CannotGetJdbcConnectionException} (a
 * {@link DataAccessResourceFailureException}) when the pool had none to give, a {@code CannotCreateTransactionException}
 * around Hikari's {@link SQLTransientConnectionException} when a transaction could not start, a translated
 * connection error (SQLState class 08) when a pooled connection broke under a statement — so the whole cause chain is
 * read, not the outermost type.
 */
final class DatabaseOutages {

    /** PostgreSQL's "the server is shutting down / crashed / starting up" (class 57, operator intervention). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutages() {
    }

    static boolean isOutage(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What failed and why in one line, for the WARN line: the outermost failure and the innermost cause (refused,
     * timed out, shut down), without the stack.
     */
    static String reason(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable root = failure;
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
        }
        return root == failure ? oneLine(failure) : oneLine(failure) + "; cause: " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s+", " ").strip());
    }
}
