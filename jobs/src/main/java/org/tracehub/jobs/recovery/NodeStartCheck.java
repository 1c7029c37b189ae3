package org.tracehub.jobs.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Before this process's first heartbeat, makes its node's row its own, and refuses the start when it cannot be a node
 * beside the others ({@link NodeStartRefusedException}):
 * <ul>
 * <li>another process beats under the same node id (one id in a deployment template, two processes on one host and data
 *     directory): started, each took the other's live runs for its own interrupted ones, marked them FAILED and
 *     restarted them beside it. A row that beat within two heartbeat intervals under another process is watched for about
 *     one interval; should it beat again, the start is refused. A row that is stale, or whose process is gone (same host,
 *     its pid no longer running), is taken at once, so a restart after a crash recovers its runs as soon as before. Of two
 *     processes starting at the same moment, one alone takes the row ({@link HubNodes#take}); the other then watches it;</li>
 * <li>a live node (beaten within {@code node-timeout}) runs in a JVM zone of other offsets. Spring Batch writes the job
 *     repository's times as local times of the writing JVM, and recovery compares them with its own local clock
 *     ({@link InterruptedJobRecovery}): a node eight hours ahead writes times a node at UTC takes over eight hours late. Making
 *     each comparison zone-proof would mean knowing the zone of every writer of every row, which the job repository does
 *     not keep; one zone for all nodes is what it assumes.</li>
 * </ul>
 * On a database no other process shares (the embedded H2 file, which one process alone can open) there is nothing to
 * watch: the row is taken as found.
 */
@Component
public class NodeStartCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeStartCheck.class);

    /** A process that took the row at the same moment may take this many looks to show itself by its beat. */
    private static final int MAX_ROUNDS = 3;

    private final HubNodes nodes;
    private final HubNode node;
    private final Clock clock;
    private final Duration interval;
    private final Duration nodeTimeout;
    private volatile boolean running;

    public NodeStartCheck(HubNodes nodes, HubNode node, Clock clock,
                          @Value("${hub.jobs.recovery.heartbeat-interval:PT30S}") Duration interval,
                          @Value("${hub.jobs.recovery.node-timeout:PT10M}") Duration nodeTimeout) {
        this.nodes = nodes;
        this.node = node;
        this.clock = clock;
        this.interval = interval;
        this.nodeTimeout = nodeTimeout;
    }

    @Override
    public void start() {
        if (nodes.shared()) {
            refuseOtherZones();
        }
        takeRow();
        running = true;
    }

    private void refuseOtherZones() {
        ZoneId own = node.process().zone();
        for (Map.Entry<String, String> other : nodes.zonesOfOthersAlive(node.id(), OffsetDateTime.now(clock).minus(nodeTimeout)).entrySet()) {
            if (!sameOffsets(own, other.getValue())) {
                throw NodeStartRefusedException.zoneMismatch(node.id(), own, other.getKey(), other.getValue());
            }
        }
    }

    private void takeRow() {
        for (int round = 1; ; round++) {
            Optional<HubNodes.Row> seen = nodes.row(node.id());
            seen.ifPresent(this::warnOfAnotherZone);
            if (nodes.shared() && seen.isPresent() && mayBeBeating(seen.get())) {
                Optional<HubNodes.Row> after = watch(seen.get());
                if (after.isPresent() && beatAgain(seen.get(), after.get())) {
                    throw NodeStartRefusedException.idInUse(node.id(), after.get());
                }
                seen = after;
            }
            if (nodes.take(node, seen, OffsetDateTime.now(clock))) {
                return;
            }
            if (round == MAX_ROUNDS) {
                throw NodeStartRefusedException.idInUse(node.id(),
                        nodes.row(node.id()).orElse(new HubNodes.Row(OffsetDateTime.now(clock), null, null, null, null)));
            }
        }
    }

    /** Whether the row's process may still be beating: it beat lately, and is not a process on this host that is gone. */
    private boolean mayBeBeating(HubNodes.Row row) {
        if (row.heartbeatAt().isBefore(OffsetDateTime.now(clock).minus(interval.multipliedBy(2)))) {
            return false;
        }
        HubNode.Process self = node.process();
        // a pid is known gone only on this host, and only when it is not this process's own (pid 1 in every container)
        boolean gone = row.pid() != null && self.host().equals(row.host()) && row.pid() != self.pid()
                && ProcessHandle.of(row.pid()).isEmpty();
        if (gone) {
            log.info("node {}: the process that beat last under this id (pid {}) is gone; taking its row", node.id(), row.pid());
        }
        return !gone;
    }

    /** Reads the row until it changes or about one heartbeat interval has passed. */
    private Optional<HubNodes.Row> watch(HubNodes.Row seen) {
        log.info("node {}: another process (pid {} @ {}) beat under this id at {}; watching for one heartbeat interval whether it "
                + "still runs", node.id(), seen.pid(), seen.host(), seen.heartbeatAt());
        long deadline = System.nanoTime() + interval.plus(interval.dividedBy(4)).toNanos();
        long pause = Math.max(20, interval.dividedBy(10).toMillis());
        while (true) {
            Optional<HubNodes.Row> now = nodes.row(node.id());
            if (now.isEmpty() || beatAgain(seen, now.get()) || System.nanoTime() >= deadline) {
                return now;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while watching node " + node.id() + "'s heartbeat", e);
            }
        }
    }

    private static boolean beatAgain(HubNodes.Row seen, HubNodes.Row now) {
        return !now.heartbeatAt().isEqual(seen.heartbeatAt()) || !Objects.equals(now.token(), seen.token());
    }

    /**
     * Logs once that this node's last process ran in another zone: a run it left running was created in that zone's local
     * time, and start-up recovery may skip it (a zone behind the old one) until the takeover finds it, hours late.
     */
    private void warnOfAnotherZone(HubNodes.Row row) {
        if (row.zone() != null && !sameOffsets(node.process().zone(), row.zone())) {
            log.warn("node {} ran in zone {} before and runs in {} now: runs it left running are dated in the old zone's local "
                    + "time and may be taken up late; keep one JVM zone (-Duser.timezone or TZ) across restarts", node.id(),
                    row.zone(), node.process().zone());
        }
    }

    /** Whether two zones have the same offsets through a year (an alias such as Etc/UTC for UTC is not a difference). */
    static boolean sameOffsets(ZoneId own, String other) {
        ZoneId zone;
        try {
            zone = ZoneId.of(other);
        } catch (RuntimeException unknown) {
            return own.getId().equals(other);
        }
        ZonedDateTime t = ZonedDateTime.now(own);
        for (int quarter = 0; quarter < 4; quarter++) {
            var at = t.plusMonths(3L * quarter).toInstant();
            if (!own.getRules().getOffset(at).equals(zone.getRules().getOffset(at))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the heartbeat ({@link NodeHeartbeat}), whose first beat would otherwise write under another process's row. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 999;
    }
}
