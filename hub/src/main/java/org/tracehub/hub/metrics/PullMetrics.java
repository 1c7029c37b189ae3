package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullSettings;
import org.tracehub.routes.pull.PullStatus;

/**
 * The pulls from legacy SFTP servers as meters, from the state the {@code pulls} health component shows (routes'
 * {@code pull_state} table, shared by every node): per configured source {@code tracehub_pull_consecutive_failures}
 * (0 once a pull succeeded), {@code tracehub_pull_last_success_timestamp_seconds} (Unix time; before the first success, when the pull was
 * configured on this node, so that a stale-pull alert also fires for a pull that never worked) and
 * {@code tracehub_pull_last_attempt_timestamp_seconds} (Unix time; NaN before the first), and of the last successful pull
 * {@code tracehub_pull_last_fetched_files} and {@code tracehub_pull_last_unmatched_files} (names matching none of the
 * source's file names: a renamed export fetched by no pull). A failing pull only turns the
 * health DEGRADED, which stays HTTP 200; these let an alert fire (README, "Operations and alerting"). Each source's state
 * is read once per scrape at most (kept {@link #FRESH_NANOS}), NaN while the database cannot be read.
 */
@Component
public class PullMetrics {

    public static final String CONSECUTIVE_FAILURES = "tracehub.pull.consecutive.failures";
    public static final String LAST_SUCCESS = "tracehub.pull.last.success.timestamp";
    public static final String LAST_ATTEMPT = "tracehub.pull.last.attempt.timestamp";
    public static final String LAST_FETCHED = "tracehub.pull.last.fetched.files";
    public static final String LAST_UNMATCHED = "tracehub.pull.last.unmatched.files";

    /** A scrape reads three gauges per source: one query serves them. */
    static final long FRESH_NANOS = 2_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(PullMetrics.class);

    private final LegacyPulls pulls;
    private final FreshReads<PullStatus> statuses;

    @Autowired
    public PullMetrics(LegacyPulls pulls, MeterRegistry registry) {
        this(pulls, registry, System::nanoTime);
    }

    PullMetrics(LegacyPulls pulls, MeterRegistry registry, LongSupplier nanoTime) {
        this.pulls = pulls;
        this.statuses = new FreshReads<>(FRESH_NANOS, nanoTime, this::readStatus);
        for (PullSettings settings : pulls.settings()) {
            String source = settings.sourceId();
            gauge(registry, CONSECUTIVE_FAILURES, null, "Pulls from the source's legacy server that failed in a row; 0 once one succeeded",
                    source, PullStatus::consecutiveFailures);
            gauge(registry, LAST_SUCCESS, "seconds", "When a pull from the source's legacy server last succeeded (Unix time); "
                    + "when its pull was configured if none has", source, status -> lastSuccess(source, status));
            gauge(registry, LAST_ATTEMPT, "seconds", "When a pull from the source's legacy server was last tried (Unix time)",
                    source, status -> epochSeconds(status.lastAttemptAt()));
            // a pull that fetched nothing while names it does not match wait there succeeds all the same: these tell it
            gauge(registry, LAST_FETCHED, null, "Files the source's last successful pull fetched", source, PullStatus::lastFetched);
            gauge(registry, LAST_UNMATCHED, null, "Files the source's last successful pull listed whose names match none of the "
                    + "source's file names, left on the legacy server", source, PullStatus::lastUnmatched);
        }
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, String source,
                       ToDoubleFunction<PullStatus> value) {
        Gauge.builder(name, this, metrics -> metrics.statuses.get(source).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tag(HubMetrics.TAG_SOURCE, source).register(registry);
    }

    private Optional<PullStatus> readStatus(String source) {
        try {
            return pulls.status(source);
        } catch (RuntimeException e) {
            log.debug("pull state of {} not readable", source, e);
            return Optional.empty();
        }
    }

    /**
     * A source that never succeeded counts from when its pull was configured: NaN matched no alert, so a new pull that never
     * ran or never worked (no cron and never requested, a route that did not start) went unnoticed for good.
     */
    private double lastSuccess(String source, PullStatus status) {
        if (status.lastSuccessAt() != null) {
            return epochSeconds(status.lastSuccessAt());
        }
        return pulls.configuredAt(source).map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN);
    }

    private static double epochSeconds(OffsetDateTime at) {
        return at == null ? Double.NaN : at.toInstant().toEpochMilli() / 1000.0;
    }
}
