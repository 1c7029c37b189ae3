package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.LocalPostgres;
import org.tracehub.platform.testing.SharedPostgres;

/**
 * Two nodes' recoveries on one real PostgreSQL (Debian's binaries, {@link LocalPostgres}), each with a pool of its own
 * as two hub processes have: the second waits for the first to end before it looks at anything.
 */
@Tag("slow")
@ExtendWith(SharedPostgres.class)
class RecoveryLockOnPostgresTest {

    static LocalPostgres postgres;
    static HikariDataSource nodeA;
    static HikariDataSource nodeB;

    @BeforeAll
    static void start(LocalPostgres shared) {
        postgres = shared;
        nodeA = pool();
        nodeB = pool();
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aSecondNodesRecoveryWaitsUntilTheFirstHasEnded() throws Exception {
        RecoveryLock first = lock(nodeA);
        RecoveryLock second = lock(nodeB);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondInside = new CountDownLatch(1);

        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> first.holding(() -> {
            firstInside.countDown();
            return released(releaseFirst);
        }));
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> second.holding(() -> {
            secondInside.countDown();
            return true;
        }));

        // the second node waiting in PostgreSQL for the lock, first: without it, a lock that did not hold the second back
        // could pass for a second node whose thread had not yet asked
        await().atMost(Duration.ofSeconds(30)).until(() -> secondInside.getCount() == 0 || advisoryLockWaiters() >= 1);
        assertThat(secondInside.getCount()).as("the second node waits for the first's recovery").isOne();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> secondInside.getCount() == 1);
        releaseFirst.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(secondInside.getCount()).isZero();
    }

    @Test
    void anEmbeddedH2DatabaseIsNeverSharedWhilePostgresqlMayBe() throws Exception {
        HubNodes h2 = new HubNodes(null, null, new DriverManagerDataSource(
                "jdbc:h2:mem:recovery-lock;DB_CLOSE_DELAY=-1", "sa", ""), "auto");
        assertThat(h2.shared()).isFalse();
        assertThat(new HubNodes(null, null, nodeA, "auto").shared()).isTrue();
    }

    /** Sessions waiting for an advisory lock, asked on a connection of neither node's pool (each has two at most). */
    private static int advisoryLockWaiters() {
        return JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.user(), ""))
                .sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").query(Integer.class).single();
    }

    private static boolean released(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RecoveryLock lock(HikariDataSource pool) {
        return new RecoveryLock(new AdvisoryLocks(pool), new HubNodes(JdbcClient.create(pool), new InsertIfAbsent(pool), pool, "auto"));
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.jdbcUrl());
        pool.setUsername(postgres.user());
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
