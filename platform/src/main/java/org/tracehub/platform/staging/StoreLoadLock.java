package org.tracehub.platform.staging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets one load into the central store run at a time. A load is one transaction (so that a query
 * never sees half of an attempt), and every load updates shared rows (the operator and product
 * tables): two loads side by side would wait on each other's row locks for their whole length, and
 * H2 gives up on a lock after about two seconds. Loads therefore queue here: first on this node (so
 * the embedded database never sees a waiting writer), then on the row of {@code store_load_lock}
 * (so nodes sharing a PostgreSQL database queue too). Both are held until the transaction ends. A load step's
 * transactions wait for this node's turn before they take a connection ({@link #turnFirst}).
 */
@Component
public class StoreLoadLock {

    static final String STORE = "trace-store";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReentrantLock local = new ReentrantLock(true);
    /** Bound to the thread while one of its transactions holds the store. */
    private final Object heldForTransaction = new Object();

    public StoreLoadLock(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Waits for the store and keeps it until the current transaction commits or rolls back. */
    public void acquireForCurrentTransaction() {
        if (holdLocally()) {
            // if this fails, the transaction rolls back and the synchronization holdLocally registered lets go of the local lock
            jdbc.sql("UPDATE store_load_lock SET locked_at = ? WHERE name = ?").params(OffsetDateTime.now(clock), STORE).update();
        }
    }

    /**
     * As {@link #acquireForCurrentTransaction}, but without waiting for another node's load: false when another node holds
     * the store, and the caller ends its transaction (which gives up this node's turn and the connection) and looks again
     * later. Call it in a transaction of {@link #turnFirst}, which has waited for this node's turn before it took its
     * connection: so the caller waits for no load holding a connection.
     */
    public boolean tryAcquireForCurrentTransaction() {
        if (!holdLocally()) {
            return true;
        }
        // SKIP LOCKED: the row another node's load holds is not waited for, just not returned (PostgreSQL and H2)
        boolean taken = !jdbc.sql("SELECT name FROM store_load_lock WHERE name = ? FOR UPDATE SKIP LOCKED").param(STORE)
                .query(String.class).list().isEmpty();
        if (taken) {
            jdbc.sql("UPDATE store_load_lock SET locked_at = ? WHERE name = ?").params(OffsetDateTime.now(clock), STORE).update();
        }
        return taken;
    }

    /**
     * Takes this node's lock for the current transaction, until it ends; false when the transaction (or one it suspended)
     * holds the store already, row and all.
     */
    private boolean holdLocally() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the store load lock is held for a transaction; none is active");
        }
        // held for this transaction (or one it suspended) already; the thread may also hold a turn taken before its
        // transaction began (turnFirst), which still needs the row
        if (TransactionSynchronizationManager.hasResource(heldForTransaction)) {
            return false;
        }
        local.lock();
        try {
            TransactionSynchronizationManager.bindResource(heldForTransaction, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(heldForTransaction);
                    local.unlock();
                }
            });
        } catch (RuntimeException e) {
            TransactionSynchronizationManager.unbindResourceIfPossible(heldForTransaction);
            local.unlock();
            throw e;
        }
        return true;
    }

    /**
     * The transaction manager for a step that loads: each of its transactions waits for this node's turn at the store
     * before it takes a connection ({@link TurnFirstTransactions}), and then takes the store as usual
     * ({@link #acquireForCurrentTransaction}).
     */
    public PlatformTransactionManager turnFirst(PlatformTransactionManager transactions) {
        return new TurnFirstTransactions(transactions, this);
    }

    /** Waits, holding no connection, until no other load on this node holds the store; {@link #endTurn} gives it up. */
    void awaitTurn() {
        local.lock();
    }

    void endTurn() {
        local.unlock();
    }

    /** True while a load on this node holds the store (for tests and the progress view). */
    public boolean isLocked() {
        return local.isLocked();
    }
}
