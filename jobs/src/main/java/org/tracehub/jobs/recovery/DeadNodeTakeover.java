package org.tracehub.jobs.recovery;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every {@code hub.jobs.recovery.takeover-interval} (1 min), once start-up recovery is done, takes over the runs of
 * nodes whose heartbeat stopped more than {@code node-timeout} (10 min) ago, and this node's own runs that an outage of
 * the database left marked running though they no longer run here, and the batches such outages left CONVERTING or STAGED
 * ({@link InterruptedJobRecovery#takeOverLostRuns}): without it a node lost for good (its machine gone, its container
 * rescheduled under another name) would leave its running batches CONVERTING for ever, since start-up recovery takes up
 * only a node's own runs, and a node that lost the database for a minute while it converted would leave that batch so
 * until it restarted. Only a node whose own heartbeats have gone through for the whole timeout looks
 * ({@link NodeHeartbeat#healthyFor}), and on a thread of its own, as the restarted runs go on in it.
 */
@Component
public class DeadNodeTakeover {

    private final InterruptedJobRecovery recovery;
    private final NodeHeartbeat heartbeat;
    private final boolean enabled;
    private final Duration interval;
    private final Duration nodeTimeout;
    static final String LOOK = "node-takeover";

    private final RepeatedLook looks = new RepeatedLook(LOOK);
    private final LookFailures failures;

    public DeadNodeTakeover(InterruptedJobRecovery recovery, NodeHeartbeat heartbeat,
                            @Value("${hub.jobs.recovery.enabled:true}") boolean enabled,
                            @Value("${hub.jobs.recovery.takeover-interval:PT1M}") Duration interval,
                            @Value("${hub.jobs.recovery.node-timeout:PT10M}") Duration nodeTimeout, LookFailures failures) {
        this.recovery = recovery;
        this.failures = failures;
        this.heartbeat = heartbeat;
        this.enabled = enabled;
        this.interval = interval;
        this.nodeTimeout = nodeTimeout;
    }

    /** Takes over lost runs now, if this node has been reaching the database long enough to judge. */
    public InterruptedJobRecovery.Report runOnce() {
        if (!heartbeat.healthyFor(nodeTimeout)) {
            return null;
        }
        return recovery.takeOverLostRuns();
    }

    @EventListener(StartupRecoveryFinished.class)
    public synchronized void start() {
        if (!enabled) {
            return;
        }
        failures.watch(LOOK);
        looks.start(interval, () -> {
            runOnce();
            failures.over(LOOK, null);
        }, e -> failures.failed(LOOK, null, "taking over lost runs", e));
    }

    /**
     * No look starts any more. A look under way is not interrupted (shutdownNow did): the interrupt reached the job it was
     * restarting, whose step then failed, and its batch with it (平台处理时出错 for a good file); on H2 an interrupt during
     * file I/O also closes the database. Its restarts stop with the hub ({@link RunningJobsStop#stopping}), and one running
     * was asked to stop at its next chunk; the thread is a daemon, and the JVM exits under what is left.
     */
    @jakarta.annotation.PreDestroy
    public synchronized void stop() {
        looks.stop();
    }
}
