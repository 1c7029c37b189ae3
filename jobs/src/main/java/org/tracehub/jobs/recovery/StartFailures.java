package org.tracehub.jobs.recovery;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Why a scheduled run (the nightly sync of a cron, the purge) did not start: another start of the same run took it, or
 * the job repository could not be reached. A run that started and ended FAILED is neither: its start returned.
 */
public final class StartFailures {

    /** Spring Batch's refusal to start an instance that has no execution (a start cut off between its two calls). */
    private static final String INSTANCE_WITHOUT_EXECUTION = "Cannot find any job execution for job instance";

    private StartFailures() {
    }

    /**
     * Whether another start of the same run (another node firing the same cron, the start-up catch-up, an earlier try)
     * took it: it completed or runs ({@link JobInstanceAlreadyCompleteException}, {@link JobExecutionAlreadyRunningException}),
     * or both looked for the run's job instance at once and the other created it first (a duplicate key on
     * {@code JOB_INST_UN}). Nothing is wrong then, and nothing to try again.
     */
    public static boolean lostToAnotherStart(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JobInstanceAlreadyCompleteException || t instanceof JobExecutionAlreadyRunningException
                    || t instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    /** Why another start took the run, in a few words (a duplicate key's message holds the whole statement). */
    public static String howAnotherStartTookIt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JobInstanceAlreadyCompleteException) {
                return "its job instance is complete";
            }
            if (t instanceof JobExecutionAlreadyRunningException) {
                return "its job execution is running";
            }
            if (t instanceof DuplicateKeyException) {
                return "its job instance was created by another start at the same moment";
            }
        }
        return rootMessage(failure);
    }

    /**
     * Whether the start failed because the database did not answer (down, restarting, a maintenance window, the pool
     * gave up waiting for a connection), before the run's execution could be recorded: the same start may succeed later.
     * Also a job instance without an execution, which another start between its two calls leaves for a moment (and a
     * start cut off by the database leaves for good): looked at again later.
     */
    public static boolean mayStartLater(Throwable failure) {
        if (databaseUnreachable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith(INSTANCE_WITHOUT_EXECUTION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure, anywhere in its causes, is the database not answering (down, restarting, failing over, the pool
     * gave up waiting for a connection, a transaction that could not begin or commit) rather than a fault of the work.
     */
    public static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && connectionLost(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQL states of a connection that failed or a server that is shutting down or out of resources (PostgreSQL's among them). */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53"));
    }

    /** The innermost cause's message, for a one-line log. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
