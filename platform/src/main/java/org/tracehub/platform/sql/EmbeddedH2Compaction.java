package org.tracehub.platform.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file near the size of its live data. With {@code WRITE_DELAY=0} every commit is a chunk of its
 * own and H2 starts no background writer, and that thread is the only place H2 rewrites a chunk that is partly dead: H2
 * frees only the chunks whose every page is dead (45 s after they were written). A page kept for ever (a batch's row)
 * then holds the whole chunk it was last written in, staged rows the purge deleted included, and the file grew with
 * everything the hub ever wrote beside such pages (about 11 times its live data after 3,000 commits of a batch row and 20
 * staged rows). Every {@code hub.h2.compaction-interval} this asks H2's MVStore to rewrite the live pages of its
 * emptiest chunks ({@link MVStore#compact}, what the background writer would do), for at most a second; the chunks left
 * dead are freed and reused by later commits, and the file's free end is cut off. H2's retention of freed chunks and
 * {@code WRITE_DELAY=0} stay as they are. On PostgreSQL, an in-memory or a remote H2 the first run finds nothing to do and
 * the later ones return at once; {@code 0} switches it off.
 */
@Component
public class EmbeddedH2Compaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedH2Compaction.class);

    /** H2's own AUTO_COMPACT_FILL_RATE: below this share of live data in the chunks, the background writer compacts. */
    static final int TARGET_FILL_RATE = 90;
    /** Live bytes rewritten per step: commits wait while a step holds the store's lock, so a step is small. */
    static final int WRITE_PER_STEP = 1024 * 1024;
    static final Duration TIME_PER_RUN = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private volatile boolean notEmbeddedH2;
    private volatile boolean warned;

    public EmbeddedH2Compaction(DataSource dataSource, @Value("${hub.h2.compaction-interval:5m}") Duration interval) {
        this.dataSource = dataSource;
        this.interval = interval;
    }

    /** Rewrites the emptiest chunks for at most {@link #TIME_PER_RUN}; returns how many steps rewrote something. */
    public int compactOnce() {
        if (notEmbeddedH2) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()) ? fileStoreOf(connection) : null;
            if (store == null) {
                notEmbeddedH2 = true;
                return 0;
            }
            long deadline = System.nanoTime() + TIME_PER_RUN.toNanos();
            int steps = 0;
            while (System.nanoTime() < deadline && !store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_PER_STEP)) {
                // the rewritten pages are written as a chunk now, not with the next commit, so the next step chooses others
                store.commit();
                steps++;
            }
            log.debug("H2 compaction: {} steps, file {} bytes", steps, store.getFileStore().size());
            return steps;
        } catch (SQLException | RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot compact the embedded H2 database ({}); its file may grow beyond its data: stop the hub now and "
                        + "then and compact it offline (README, SHUTDOWN COMPACT)", e.toString());
            }
            return 0;
        }
    }

    /** The MVStore of an H2 file database this process runs itself; null for a remote or in-memory H2. */
    private static MVStore fileStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Database database = session.getDatabase();
        if (!database.isPersistent() || database.getStore() == null) {
            return null;
        }
        MVStore store = database.getStore().getMvStore();
        return store.getFileStore() == null ? null : store;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::compactOnSchedule, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A run of the schedule. Nothing may escape it: the executor cancels, without a word, every later run of a task that
     * threw (an {@link OutOfMemoryError} once), and the file then grew beyond its data for good.
     */
    private void compactOnSchedule() {
        try {
            compactOnce();
        } catch (Throwable e) {
            try {
                log.error("compacting the embedded H2 database failed; tried again in {}", interval, e);
            } catch (Throwable notLogged) {
                // no memory even to log: the next run comes all the same
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            // not interrupted: an interrupt in H2's file I/O closes its file channel, and H2 then closes the database
            executor.shutdown();
            try {
                executor.awaitTermination(TIME_PER_RUN.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
