package org.tracehub.platform.staging;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The transactions of a step that loads into the store: each waits for this node's turn at the store
 * ({@link StoreLoadLock}) before it takes its database connection, and gives the turn up once it has committed or rolled
 * back. Waiting inside the transaction, every load queued behind a long one held a pooled connection for nothing the
 * whole time, and with the import's, the nightly sync's and the background threads' loads queued the pool of ten ran
 * dry: a claim then waited out the connection timeout and failed its batch.
 */
final class TurnFirstTransactions implements PlatformTransactionManager {

    private final PlatformTransactionManager transactions;
    private final StoreLoadLock lock;

    TurnFirstTransactions(PlatformTransactionManager transactions, StoreLoadLock lock) {
        this.transactions = transactions;
        this.lock = lock;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        lock.awaitTurn();
        try {
            return transactions.getTransaction(definition);
        } catch (RuntimeException | Error e) {
            lock.endTurn();
            throw e;
        }
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        endingTheTurn(() -> transactions.commit(status));
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        endingTheTurn(() -> transactions.rollback(status));
    }

    private void endingTheTurn(Runnable end) {
        try {
            end.run();
        } finally {
            lock.endTurn();
        }
    }
}
