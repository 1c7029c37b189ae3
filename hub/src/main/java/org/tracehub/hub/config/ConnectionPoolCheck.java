package org.tracehub.hub.config;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start when the settings let the hub hold more database connections at once than its pool has: every one
 * beyond waits for a connection, and an import's or load's step that waits out the pool's connection timeout fails its
 * batch (the pool of ten ran dry that way). What each user holds for minutes at a time:
 * <ul>
 *   <li>each import running at once ({@code hub.jobs.import-concurrency}) and each reprocess or retry run
 *       ({@code hub.jobs.background-threads}): its step's transaction;</li>
 *   <li>the nightly sync: the load it runs (loads queued on a node, the sync's claim too, wait for their turn holding
 *       none, so only one load counts);</li>
 *   <li>the purge: two;</li>
 *   <li>each public trace query ({@code hub.trace.max-concurrent-queries});</li>
 *   <li>on PostgreSQL only, where nodes share the database, the advisory locks, each on a connection of its own
 *       ({@code AdvisoryLocks}): each pull running at once ({@code hub.pull.threads}), the recovery of interrupted runs, a
 *       receipt being written.</li>
 * </ul>
 * The console's and the API's requests, the sweeps and the heartbeat take one for a moment each, and have what the
 * pool has beyond these. Not the other way round, a pool sized from the settings: those requests have no bound to size
 * it by, and a pool that grew with the settings could take a PostgreSQL server's {@code max_connections} from the other
 * nodes unnoticed; an admin sets the size (README, PostgreSQL).
 */
@Component
class ConnectionPoolCheck implements InitializingBean {

    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    private static final int NIGHTLY_SYNC = 1;
    private static final int PURGE = 2;
    private static final int RECOVERY = 1;
    private static final int RECEIPT = 1;

    private final DataSource dataSource;
    private final Environment environment;

    ConnectionPoolCheck(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class)) {
            return;
        }
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<String> users = new ArrayList<>();
        int needed = setting("hub.jobs.import-concurrency", users) + setting("hub.jobs.background-threads", users)
                + fixed("夜间同步的加载", NIGHTLY_SYNC, users) + fixed("数据清理", PURGE, users)
                + setting("hub.trace.max-concurrent-queries", users);
        if (pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            needed += setting("hub.pull.threads", users) + fixed("中断作业的恢复（咨询锁）", RECOVERY, users)
                    + fixed("回执写入（咨询锁）", RECEIPT, users);
        }
        if (needed > pool.getMaximumPoolSize()) {
            throw new ConnectionPoolTooSmallException(pool.getMaximumPoolSize(), needed, users);
        }
    }

    private int setting(String key, List<String> users) {
        int value = environment.getRequiredProperty(key, Integer.class);
        users.add(key + " = " + value);
        return value;
    }

    private static int fixed(String user, int connections, List<String> users) {
        users.add(user + "：" + connections);
        return connections;
    }
}
