package org.tracehub.jobs.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes this node's heartbeat every {@code hub.jobs.recovery.heartbeat-interval} (30 s), on a thread of its own: on
 * Spring's scheduler thread a long task would silence it, and the other nodes would take this one for dead and restart
 * its running jobs. It also knows since when its own beats have gone through without a gap: a node may take another
 * for dead only when it has itself reached the database for the whole {@code node-timeout} (after an outage of the
 * database every node's last beat is old, and none of them is dead).
 */
@Component
public class NodeHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final HubNodes nodes;
    private final HubNode node;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private OffsetDateTime lastBeat;
    private OffsetDateTime healthySince;
    private boolean firstBeat = true;
    private boolean sharedRowLogged;

    public NodeHeartbeat(HubNodes nodes, HubNode node, Clock clock,
                         @Value("${hub.jobs.recovery.heartbeat-interval:PT30S}") Duration interval) {
        this.nodes = nodes;
        this.node = node;
        this.clock = clock;
        this.interval = interval;
    }

    /** Beats once; called on the heartbeat's thread, and by start-up recovery before it looks at the runs. */
    public synchronized void beat() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            HubNodes.Beat beat = nodes.beat(node, now);
            if (beat == HubNodes.Beat.ROW_ADDED && !firstBeat) {
                log.error("node {} was taken for dead by another node (no heartbeat for hub.jobs.recovery.node-timeout): its "
                        + "running jobs were taken over and restarted there; a run still going here will fail", node.id());
            }
            if (beat == HubNodes.Beat.ROW_OF_ANOTHER_PROCESS && !sharedRowLogged) {
                // this process was silent so long that a process starting under the same id found the row stale
                log.error("another process started as node {} (the same hub.jobs.recovery.node-id): both take this node's "
                        + "runs for their own; stop one and give each process a node id of its own", node.id());
            }
            sharedRowLogged = beat == HubNodes.Beat.ROW_OF_ANOTHER_PROCESS;
            firstBeat = false;
            if (healthySince == null || lastBeat == null || Duration.between(lastBeat, now).compareTo(interval.multipliedBy(3)) > 0) {
                healthySince = now;
            }
            lastBeat = now;
        } catch (RuntimeException e) {
            healthySince = null;
            log.warn("node {} could not write its heartbeat: {}", node.id(), e.toString());
        } catch (Error e) {
            healthySince = null;
            throw e;
        }
    }

    /**
     * A beat of the schedule. Nothing may escape it: the executor cancels, without a word, every later beat of a task that
     * threw (an {@link OutOfMemoryError} once), and the other nodes then took this one for dead after
     * {@code node-timeout} and ran its jobs a second time while they still ran here.
     */
    private void beatOnSchedule() {
        try {
            beat();
        } catch (Throwable e) {
            try {
                log.error("node {} could not write its heartbeat; it beats again in {}", node.id(), interval, e);
            } catch (Throwable notLogged) {
                // no memory even to log: the next beat comes all the same
            }
        }
    }

    /** Whether this node's beats have gone through without a gap for at least the duration, up to a recent one. */
    public synchronized boolean healthyFor(Duration duration) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return healthySince != null && lastBeat != null
                && !lastBeat.isBefore(now.minus(interval.multipliedBy(3)))
                && !healthySince.isAfter(now.minus(duration));
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::beatOnSchedule, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Started first and stopped last: a node shutting down while a long load ends must not look silent meanwhile. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
