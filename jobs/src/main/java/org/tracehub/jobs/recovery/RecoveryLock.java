package org.tracehub.jobs.recovery;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.tracehub.platform.sql.AdvisoryLocks;

/**
 * One node at a time recovers: start-up recovery and the takeover of silent nodes' runs hold a PostgreSQL advisory
 * lock while they look, claim, mark FAILED and decide what to restart, not while the restarts run (the job operator runs
 * a job in the calling thread: a restarted half-hour import kept every other node's recovery waiting as long). Without
 * it two nodes starting together after a shared outage both took up the same CONVERTING or STAGED batch (one's start
 * failing, and that failure failing a batch the other was converting), and a takeover could claim a run from a stale look
 * at the heartbeats while its node was starting up and claiming it. A second node waits; by the time it looks, the
 * first node's claims on the runs it restarts are recorded, and it leaves them alone. The lock
 * is a session's ({@link AdvisoryLocks}): a node that dies while holding it releases it with its connection. On a
 * database no other node shares (the embedded H2 default) there is nothing to serialise.
 */
@Component
public class RecoveryLock {

    /** The advisory lock's key: any constant the hub uses for nothing else ("TRACEHUB" in ASCII, cut to 63 bits). */
    static final long KEY = 0x5452414345485542L;

    private final AdvisoryLocks locks;
    private final HubNodes nodes;

    public RecoveryLock(AdvisoryLocks locks, HubNodes nodes) {
        this.locks = locks;
        this.nodes = nodes;
    }

    /** Runs the work holding the lock, waiting for another node that holds it. */
    public <T> T holding(Supplier<T> work) {
        if (!nodes.shared()) {
            return work.get();
        }
        return locks.holding(KEY, work::get);
    }
}
