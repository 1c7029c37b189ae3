package org.tracehub.hub.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures are the database being out of reach: what the integration test cannot make happen on demand (a
 * connection that breaks under a statement, a PostgreSQL that is shutting down) told apart from the hub's own faults.
 */
class DatabaseOutagesTest {

    @Test
    void aTransactionThatCouldNotGetAConnectionFromThePoolIsAnOutage() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms");
        assertThat(DatabaseOutages.isOutage(new CannotCreateTransactionException("Could not open JDBC Connection", hikari))).isTrue();
        assertThat(DatabaseOutages.isOutage(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", hikari))).isTrue();
    }

    @Test
    void aConnectionThatBrokeUnderAStatementOrAServerShuttingDownIsAnOutage() {
        // what PgJDBC throws: a plain SQLException with the SQLState, which Spring may leave uncategorized
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(DatabaseOutages.isOutage(new UncategorizedSQLException("select", "SELECT 1", broken))).isTrue();
        assertThat(DatabaseOutages.isOutage(new UncategorizedSQLException("select", "SELECT 1", shutdown))).isTrue();
    }

    @Test
    void theHubsOwnFaultsAreNoOutage() {
        assertThat(DatabaseOutages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseOutages.isOutage(new UncategorizedSQLException("select", "SELECT x",
                new SQLException("column x not found", "42S22")))).isFalse();
        assertThat(DatabaseOutages.isOutage(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theLogLineNamesTheFailureAndItsInnermostCause() {
        Exception failure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available,\n request timed out after 5000ms"));
        assertThat(DatabaseOutages.reason(failure)).isEqualTo("CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; "
                + "cause: SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms");
    }
}
