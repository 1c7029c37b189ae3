package org.tracehub.hub.config;

import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.storage.ArchivedBatchFolders;
import org.tracehub.platform.storage.HubStorage;

/**
 * Stops the start when the database has no batch but the archive holds batch folders: the data directory was restored and
 * the database was not (an H2 {@code RunScript} run from another working directory, a {@code pg_restore} forgotten), and
 * Flyway has just made an empty one. Started so, the hub would take every resend as new (no DUPLICATE), answer
 * {@code BATCH_NOT_FOUND} for every earlier batch, and never purge the originals it no longer knows. The mirror of the
 * host-key check ({@code dropbox.HostKeyRestoreGuard}), which looks at the other half of the same mistake. An admin who
 * means to start afresh beside an old archive says so with {@code hub.allow-empty-database}.
 */
@Component
class EmptyDatabaseCheck implements InitializingBean {

    static final String SETTING = "hub.allow-empty-database";

    private final JdbcClient jdbc;
    private final HubStorage storage;
    private final boolean allowed;

    EmptyDatabaseCheck(JdbcClient jdbc, HubStorage storage, @Value("${" + SETTING + ":false}") boolean allowed) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.allowed = allowed;
    }

    @Override
    public void afterPropertiesSet() {
        if (allowed || jdbc.sql("SELECT id FROM batch FETCH FIRST 1 ROWS ONLY").query(String.class).optional().isPresent()) {
            return;
        }
        List<ArchivedBatchFolders.Folder> archived = ArchivedBatchFolders.since(storage.dataDir(), LocalDate.MIN, 1);
        if (!archived.isEmpty()) {
            throw new EmptyDatabaseException(archived.get(0).path());
        }
    }
}
