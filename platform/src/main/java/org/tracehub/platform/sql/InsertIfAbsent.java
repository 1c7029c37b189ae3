package org.tracehub.platform.sql;

import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts a row unless a row with the same unique key is there, without a statement that fails where a failure costs
 * something. On PostgreSQL a unique violation is an ERROR in the server's log, with the statement (noise an admin alerts
 * on), and it aborts a surrounding transaction: every later statement of it is refused until it rolls back. There the
 * insert is {@code INSERT … ON CONFLICT (key) DO NOTHING}, which skips the row quietly, also when another node inserted
 * it a moment before. H2 accepts that clause only in its PostgreSQL mode, which the hub does not use; but on H2 a refused
 * statement is undone alone, the transaction goes on and nothing is logged, so there the plain insert runs and its unique
 * violation is taken as "already there". Callers look a row up first where finding it is the usual case: the insert
 * settles only the race between two nodes or threads.
 */
@Component
public class InsertIfAbsent {

    private final JdbcClient jdbc;
    private final boolean onConflictDoNothing;

    public InsertIfAbsent(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.onConflictDoNothing = "PostgreSQL".equalsIgnoreCase(DatabaseProduct.of(dataSource));
    }

    /**
     * Runs {@code insert}, a plain {@code INSERT INTO … VALUES (…)} whose parameters {@code values} binds, unless a row
     * with the same values in {@code uniqueKey} (the columns of one unique index or primary key, comma-separated) is there.
     * On PostgreSQL a row that breaks another unique key still fails; on H2 it is taken as present too, so a table with
     * more than one unique key must be checked by its caller ({@code BatchRepository.insertReceived}).
     *
     * @return whether the row was inserted
     */
    public boolean insert(String insert, String uniqueKey, UnaryOperator<JdbcClient.StatementSpec> values) {
        if (onConflictDoNothing) {
            return values.apply(jdbc.sql(insert + " ON CONFLICT (" + uniqueKey + ") DO NOTHING")).update() == 1;
        }
        try {
            return values.apply(jdbc.sql(insert)).update() == 1;
        } catch (DuplicateKeyException present) {
            return false;
        }
    }
}
