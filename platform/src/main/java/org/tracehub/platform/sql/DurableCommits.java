package org.tracehub.platform.sql;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts what the database has committed onto the disk before the hub removes the only other copy of it. The embedded
 * H2 writes each commit to its file ({@code WRITE_DELAY=0}) but does not force it, so after a power cut a committed row
 * can be missing while a file removed after the commit is gone too; PostgreSQL forces every commit itself.
 */
@Component
public class DurableCommits {

    private final JdbcClient jdbc;
    private final boolean forcedByTheDatabase;

    public DurableCommits(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.forcedByTheDatabase = !"H2".equalsIgnoreCase(DatabaseProduct.of(dataSource));
    }

    /** Everything committed so far, on the disk. One disk flush on H2; nothing on a database that forces its commits. */
    public void force() {
        if (!forcedByTheDatabase) {
            jdbc.sql("CHECKPOINT SYNC").update();
        }
    }
}
