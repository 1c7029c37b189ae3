package org.tracehub.routes.pull;

import com.jcraft.jsch.ChannelSftp;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pull's settle check ({@code hub.pull.settle-time}): Camel's {@code readLock=changed} for sftp, which fetches a file only
 * once two listings {@code settle-time} apart show it the same size and modification time, and gives up on it after
 * {@code hub.pull.settle-give-up}. Camel only logged a file it gave up on and skipped it: the run ended a success, no
 * follow-up came and no warning named it, so an export still being written at the cron minute waited for the next night.
 * Here the source's {@link PullSchedule} is told, and follows it up the same night as a file too new for the run.
 */
final class SettleCheck extends SftpChangedExclusiveReadLockStrategy {

    private static final Logger log = LoggerFactory.getLogger(SettleCheck.class);
    /** A settle time this short still watches a file this long before giving up on it. */
    static final Duration MIN_GIVE_UP = Duration.ofMinutes(1);

    private final String sourceId;
    private final Duration settleTime;
    private final Duration giveUp;
    private final PullSchedule schedule;

    /** @param giveUp how long a file may go on changing before the run leaves it; null: {@link #giveUp(Duration)} */
    SettleCheck(String sourceId, Duration settleTime, Duration giveUp, PullSchedule schedule) {
        this.sourceId = sourceId;
        this.settleTime = settleTime;
        if (giveUp != null && (giveUp.isZero() || giveUp.isNegative())) {
            // Camel takes a timeout of 0 for none: a file that never stops changing would hold the pull for good
            throw new IllegalArgumentException("hub.pull.settle-give-up: " + giveUp + " is not a time to give up after; leave it "
                    + "unset for twelve times hub.pull.settle-time (at least a minute)");
        }
        this.giveUp = giveUp == null ? giveUp(settleTime) : giveUp;
        this.schedule = schedule;
        setCheckInterval(settleTime.toMillis());
        setTimeout(this.giveUp.toMillis());
        // an empty export that stays empty is complete too (Camel's default waits for one byte)
        setMinLength(0);
        // said below, with the source and what happens next
        setReadLockLoggingLevel(LoggingLevel.DEBUG);
    }

    /** The give-up time unless set: twelve settle times, at least {@link #MIN_GIVE_UP}. */
    static Duration giveUp(Duration settleTime) {
        Duration twelve = settleTime.multipliedBy(12);
        return twelve.compareTo(MIN_GIVE_UP) > 0 ? twelve : MIN_GIVE_UP;
    }

    Duration giveUp() {
        return giveUp;
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                            GenericFile<ChannelSftp.LsEntry> file, Exchange exchange) throws Exception {
        long began = System.nanoTime();
        boolean settled = super.acquireExclusiveReadLock(operations, file, exchange);
        // false before the time is up: the route is stopping, not the file changing
        if (!settled && Duration.ofNanos(System.nanoTime() - began).compareTo(giveUp) >= 0) {
            String name = file.getFileNameOnly();
            log.warn("pull of {}: {} was still changing after {} (hub.pull.settle-give-up; listed every {}, hub.pull.settle-time); "
                    + "left on the legacy server for a follow-up pull, or the next pull", sourceId, name, giveUp, settleTime);
            schedule.keptChanging(name);
        }
        return settled;
    }
}
