package org.tracehub.jobs.recovery;

import java.time.Duration;
import java.util.Optional;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.importjob.DiskFullRuns;
import org.tracehub.platform.batch.Batch;

/**
 * How a batch waiting for disk space ({@link Batch#waitingForDisk}) stands with the hub's own retries
 * ({@link DiskFullRetry}), for the console and the API: an admin sees that it is not failed for good, when it is tried
 * again and how many tries are left before it fails for them.
 */
@Component
public class DiskFullWaits {

    /**
     * @param triesUsed the runs in a row that stopped for the disk ({@link DiskFullRuns})
     * @param maxTries  {@code hub.jobs.disk-full-retry.max-tries}
     * @param interval  {@code hub.jobs.disk-full-retry.interval}: how often the hub looks whether there is space again
     */
    public record Waiting(int triesUsed, int maxTries, Duration interval) {
    }

    private final JobRepository jobRepository;
    private final DiskFullRetrySettings settings;

    public DiskFullWaits(JobRepository jobRepository, DiskFullRetrySettings settings) {
        this.jobRepository = jobRepository;
        this.settings = settings;
    }

    /** The batch's wait, or empty when it does not wait for disk space. */
    public Optional<Waiting> of(Batch batch) {
        if (!batch.waitingForDisk()) {
            return Optional.empty();
        }
        return Optional.of(new Waiting(DiskFullRuns.ofAttempt(jobRepository, batch.id(), batch.attempt()), settings.maxTries(),
                settings.interval()));
    }
}
