package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.testing.LoggedEvents;

/**
 * Two nodes sharing a real PostgreSQL database (Debian's binaries, platform's {@code LocalPostgres}) pull the same source
 * on the same cron: while one node pulls it, the other's run of it is skipped, so the remote folder is listed and its
 * files fetched by one node at a time. (On H2 a node is alone and nothing waits: {@link PullScheduleTest}.)
 */
class PullLockOnPostgresTest extends BothDatabases {

    private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();
    private final AtomicInteger polls = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private DataSource ds;
    private JdbcClient jdbc;

    @BeforeEach
    void migrated() {
        ds = postgres();
        jdbc = migrate("postgresql", ds);
        tasks.initialize();
        log.start();
        scheduleLogger().addAppender(log);
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
        scheduleLogger().detachAppender(log);
    }

    @Test
    void aSourceAnotherNodeIsPullingIsNotPulledHereUntilThatNodeIsDone() throws Exception {
        PullSchedule schedule = pullOf("meat-wholesale-xj");
        CountDownLatch otherNodePulling = new CountDownLatch(1);
        CountDownLatch otherNodeDone = new CountDownLatch(1);
        // the other node's run of the source, with a session (and so a connection) of its own
        CompletableFuture<Boolean> otherNode = CompletableFuture.supplyAsync(() -> new AdvisoryLocks(postgres())
                .tryHolding(PullSchedule.lockKey("meat-wholesale-xj"), () -> {
                    otherNodePulling.countDown();
                    awaitQuietly(otherNodeDone);
                }));
        assertThat(otherNodePulling.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> skipped("meat-wholesale-xj"));
        assertThat(polls.get()).as("the other node is pulling it: not listed, nothing fetched here").isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> polls.get() == 0);
        assertThat(rows(jdbc, "SELECT source_id FROM pull_state")).as("not a run of this node's: nothing recorded").isEmpty();

        otherNodeDone.countDown();
        assertThat(otherNode.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !rows(jdbc,
                "SELECT source_id FROM pull_state WHERE last_success_at IS NOT NULL").isEmpty());
    }

    @Test
    void anotherSourceBeingPulledElsewhereHoldsNothingBackHere() throws Exception {
        PullSchedule schedule = pullOf("meat-wholesale-xj");
        CountDownLatch otherNodePulling = new CountDownLatch(1);
        CountDownLatch otherNodeDone = new CountDownLatch(1);
        CompletableFuture<Boolean> otherNode = CompletableFuture.supplyAsync(() -> new AdvisoryLocks(postgres())
                .tryHolding(PullSchedule.lockKey("meat-wholesale-copy"), () -> {
                    otherNodePulling.countDown();
                    awaitQuietly(otherNodeDone);
                }));
        assertThat(otherNodePulling.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(schedule.request()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 1);
        } finally {
            otherNodeDone.countDown();
        }
        assertThat(otherNode.get(30, TimeUnit.SECONDS)).isTrue();
    }

    /** This node's pull of the source: each poll records its start and succeeds, as the sftp consumer's does. */
    private PullSchedule pullOf(String sourceId) {
        PullSchedule schedule = new PullSchedule(sourceId, "", tasks, new PullStatusStore(jdbc, new InsertIfAbsent(ds),
                Clock.systemUTC()), new PullProperties.Retry(), Clock.systemUTC(), new AdvisoryLocks(ds));
        schedule.scheduleTask(() -> {
            schedule.begin(null, null);
            polls.incrementAndGet();
        });
        schedule.startScheduler();
        return schedule;
    }

    private boolean skipped(String sourceId) {
        return LoggedEvents.of(log).stream().anyMatch(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().equals("pull of " + sourceId + " skipped: another node holds its lock and is pulling it"));
    }

    private static Logger scheduleLogger() {
        return (Logger) LoggerFactory.getLogger(PullSchedule.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
