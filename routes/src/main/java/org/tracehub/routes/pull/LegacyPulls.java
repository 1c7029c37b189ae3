package org.tracehub.routes.pull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;

/**
 * The configured pulls ({@code hub.pull.sources}), each with its settings, schedule, file filter and
 * memory of fetched files; asks for a pull now; tells how the pulls went.
 *
 * <p>Which trigger is authoritative: each source's own {@code cron} here in routes. The nightly sync's
 * message on {@code hub.pull.requested} is an extra "pull now"; a source without a cron pulls only when
 * asked. Every node runs the configured pulls; among nodes sharing a PostgreSQL database one at a time pulls a
 * source ({@link PullSchedule}).
 */
@Component
public class LegacyPulls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LegacyPulls.class);

    /**
     * One source's pull and the beans its route uses.
     *
     * @param readLock the disk's floor and, unless {@code hub.pull.settle-time} is zero, the settle check
     */
    record Pull(PullSettings settings, PullSchedule schedule, PulledFileFilter filter, FetchedFiles fetched,
                DiskFloorReadLock readLock, AfterFetchFailures afterFetchFailures, Instant configuredAt) {
    }

    /** What became of a "pull now" request. */
    public enum Request {
        STARTED,
        /** the source has no pull configured, or it is disabled */
        NOT_CONFIGURED,
        /** configured, but its route is not running */
        NOT_RUNNING
    }

    private static final String CONFIGURED_AT = "configured-at";

    private final Map<String, Pull> pulls = new LinkedHashMap<>();
    private final PullStatusStore status;
    private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();

    public LegacyPulls(PullProperties properties, SpecCatalog catalog, HubStorage storage, JdbcClient jdbc, InsertIfAbsent inserts,
                       PullStatusStore status, Clock clock, Environment environment, AdvisoryLocks locks, DiskFloor diskFloor) {
        this.status = status;
        tasks.setPoolSize(Math.max(1, properties.getThreads()));
        tasks.setThreadNamePrefix("pull-");
        tasks.setRemoveOnCancelPolicy(true);
        tasks.initialize();
        properties.getSources().forEach((sourceId, source) -> {
            if (!source.isEnabled()) {
                log.info("pull of {} is disabled", sourceId);
                return;
            }
            Path workDir = storage.dataDir().resolve("pull").resolve(sourceId).resolve("work");
            PullSettings settings = PullSettings.of(sourceId, source, properties.getKnownHostsFile(), environment::getProperty,
                    workDir);
            PullSchedule schedule = new PullSchedule(sourceId, settings.cron(), tasks, status, properties.getRetry(), clock, locks,
                    properties.getMinFileAge(), properties.getSettleTime());
            // without a pattern, the spec's globs as the catalog has them at each run: a spec fixed (or broken) while the hub
            // runs is what the next pull goes by, and a source without a spec fails its runs, not the hub's start
            Supplier<List<String>> globs = settings.patterns().isEmpty()
                    ? () -> catalog.source(sourceId).map(MappingSpec::acceptedPatterns).orElse(List.of())
                    : settings::patterns;
            PulledFileFilter filter = new PulledFileFilter(sourceId, globs, properties.getMinFileAge(), clock,
                    settings.filenameEncoding(), settings.host() + ":" + settings.port(), schedule);
            schedule.beforeEachRun(filter::refresh);
            Duration settle = properties.getSettleTime();
            SettleCheck settleCheck = settle.isZero() || settle.isNegative() ? null
                    : new SettleCheck(sourceId, settle, properties.getSettleGiveUp(), schedule);
            pulls.put(sourceId, new Pull(settings, schedule, filter,
                    new FetchedFiles(sourceId, jdbc, inserts, clock), new DiskFloorReadLock(diskFloor, schedule, settleCheck),
                    new AfterFetchFailures(settings, schedule), configuredAt(sourceId, workDir.getParent(), clock)));
            log.info("pull configured: {}", settings);
        });
    }

    Collection<Pull> all() {
        return pulls.values();
    }

    PullSchedule schedule(String sourceId) {
        Pull pull = pulls.get(sourceId);
        if (pull == null) {
            throw new IllegalStateException("no pull configured for " + sourceId);
        }
        return pull.schedule();
    }

    /** The settings of every configured pull (secrets included: do not show them). */
    public List<PullSettings> settings() {
        return pulls.values().stream().map(Pull::settings).toList();
    }

    public Optional<PullSettings> settings(String sourceId) {
        return Optional.ofNullable(pulls.get(sourceId)).map(Pull::settings);
    }

    /** How the source's pulls went; a configured source that never pulled has an empty status. */
    public Optional<PullStatus> status(String sourceId) {
        if (!pulls.containsKey(sourceId)) {
            return Optional.empty();
        }
        return Optional.of(status.find(sourceId).orElse(PullStatus.never(sourceId)));
    }

    /**
     * Files the source's pulls left on the legacy server, of either {@link PullWarning.Kind}: taken in but their move or
     * delete refused, or not fetched at the night's last run (too new, or still changing). Files not fetched are said until a
     * later whole run leaves none (fetched, or gone from the server); files taken in and left, until a later scheduled or
     * requested run takes files in and leaves none. Kept in the pull state: it outlives a restart, and every node's health
     * shows it.
     */
    public Optional<PullWarning> warning(String sourceId) {
        return pulls.containsKey(sourceId) ? status.warning(sourceId) : Optional.empty();
    }

    /**
     * Since when this node has had the source's pull configured: the first start with it (kept in
     * {@code <hub.data-dir>/pull/<source>/configured-at}). A pull that never succeeded is as stale as this is old.
     */
    public Optional<Instant> configuredAt(String sourceId) {
        return Optional.ofNullable(pulls.get(sourceId)).map(Pull::configuredAt);
    }

    private static Instant configuredAt(String sourceId, Path folder, Clock clock) {
        Path marker = folder.resolve(CONFIGURED_AT);
        try {
            if (Files.exists(marker)) {
                return Instant.parse(Files.readString(marker).strip());
            }
            Instant now = clock.instant();
            Files.createDirectories(folder);
            Files.writeString(marker, now + "\n");
            return now;
        } catch (IOException | DateTimeParseException e) {
            log.warn("pull of {}: when it was first configured cannot be kept in {} ({}); counting from now", sourceId, marker,
                    e.toString());
            return clock.instant();
        }
    }

    /** Pull the source now, in addition to its cron (the nightly sync asks on {@code hub.pull.requested}). */
    public Request request(String sourceId) {
        Pull pull = sourceId == null ? null : pulls.get(sourceId.strip());
        if (pull == null) {
            log.warn("pull of {} requested, but it has no pull configured", sourceId);
            return Request.NOT_CONFIGURED;
        }
        if (!pull.schedule().request()) {
            log.warn("pull of {} requested, but its route is not running", sourceId);
            return Request.NOT_RUNNING;
        }
        log.info("pull of {} requested", sourceId);
        return Request.STARTED;
    }

    @Override
    public void destroy() {
        tasks.shutdown();
    }
}
