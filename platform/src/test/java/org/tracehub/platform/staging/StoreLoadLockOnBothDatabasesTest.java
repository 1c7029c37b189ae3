package org.tracehub.platform.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.testing.BothDatabases;

/**
 * A claim that must not wait for the store in the database (the nightly sync's, which would hold a pooled connection for
 * another node's whole load) asks for it without waiting: another node's load holding the store's row is answered at
 * once, and the claim ends its transaction and looks again later; once that load commits, the store is the claim's.
 */
class StoreLoadLockOnBothDatabasesTest extends BothDatabases {

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTryForTheStoreThatAnotherNodesLoadHoldsIsRefusedAtOnceAndTakenOnceItCommits(String vendor, DataSource ds) throws Exception {
        migrate(vendor, ds);
        StoreLoadLock lock = new StoreLoadLock(JdbcClient.create(ds), Clock.systemUTC());
        TransactionTemplate claims = new TransactionTemplate(lock.turnFirst(new DataSourceTransactionManager(ds)));

        try (Connection otherNode = ds.getConnection()) {
            // another node's load: the row of store_load_lock, held until its transaction ends
            otherNode.setAutoCommit(false);
            try (var statement = otherNode.createStatement()) {
                assertThat(statement.executeUpdate("UPDATE store_load_lock SET locked_at = CURRENT_TIMESTAMP WHERE name = '"
                        + StoreLoadLock.STORE + "'")).isOne();
            }

            // waiting, H2 would give up after its lock timeout with an exception, PostgreSQL wait for ever
            Boolean whileHeld = claims.execute(status -> lock.tryAcquireForCurrentTransaction());
            assertThat(whileHeld).isFalse();
            assertThat(lock.isLocked()).as("this node's turn given up with the transaction").isFalse();

            otherNode.commit();
        }
        Boolean onceCommitted = claims.execute(status -> lock.tryAcquireForCurrentTransaction() && lock.isLocked());
        assertThat(onceCommitted).isTrue();
        assertThat(lock.isLocked()).isFalse();
    }
}
