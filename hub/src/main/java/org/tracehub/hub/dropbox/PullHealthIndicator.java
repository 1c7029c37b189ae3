package org.tracehub.hub.dropbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullSettings;
import org.tracehub.routes.pull.PullStatus;
import org.tracehub.routes.pull.PullWarning;

/**
 * {@code /actuator/health} component {@code pulls}: for each source pulled from a legacy SFTP server,
 * its cron, the last success, the last failure and how many pulls failed in a row. {@value #DEGRADED}
 * while any source's last pull failed (it is being retried with back-off), so that monitoring notices a
 * legacy server the hub cannot reach, or while a pull left files on the legacy server (routes'
 * {@code LegacyPulls.warning}): taken in but not moved or deleted there (its done-dir fills up unseen otherwise), or not
 * fetched at all. The detail
 * {@code warningKind} tells which ({@code LEFT_AFTER_FETCH}: move or delete them by hand; {@code NOT_FETCHED}: leave them
 * for the next pull; {@code WAITING_FOR_DISK}: free space on the hub's data disk, the pull fetches them then; {@code UNMATCHED_NAMES}: the
 * run fetched nothing and the folder holds files the source's file names do not match, a renamed export), {@code warningText} says it in the console's and the API's words ({@link PullWarningText}).
 * UP otherwise, also when no pull is configured. Not DOWN: the hub
 * itself still takes files and answers queries, and a load balancer must not take it out of service
 * because one market's server is off (application.yml maps DEGRADED to HTTP 200).
 */
@Component("pulls")
public class PullHealthIndicator implements HealthIndicator {

    /** The health status of a hub whose own parts work while a legacy server does not answer. */
    public static final String DEGRADED = "DEGRADED";

    private final LegacyPulls pulls;

    public PullHealthIndicator(LegacyPulls pulls) {
        this.pulls = pulls;
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> sources = new LinkedHashMap<>();
        for (PullSettings settings : pulls.settings()) {
            PullStatus status = pulls.status(settings.sourceId()).orElse(PullStatus.never(settings.sourceId()));
            degraded |= status.failing();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("cron", settings.cron().isEmpty() ? "(on request)" : settings.cron());
            detail.put("lastAttemptAt", String.valueOf(status.lastAttemptAt()));
            detail.put("lastSuccessAt", String.valueOf(status.lastSuccessAt()));
            detail.put("lastFetched", status.lastFetched());
            detail.put("lastUnmatched", status.lastUnmatched());
            detail.put("consecutiveFailures", status.consecutiveFailures());
            if (status.failing()) {
                detail.put("lastFailureAt", String.valueOf(status.lastFailureAt()));
                detail.put("lastFailure", status.lastFailureMessage());
            }
            Optional<PullWarning> warning = pulls.warning(settings.sourceId());
            if (warning.isPresent()) {
                degraded = true;
                detail.put("filesLeftOnServer", warning.get().filesLeft());
                detail.put("warningAt", String.valueOf(warning.get().at()));
                // the two kinds call for opposite actions (move by hand, or leave for the next pull): which one it is
                detail.put("warningKind", warning.get().kind().name());
                detail.put("warningText", PullWarningText.of(warning.get()));
                detail.put("warning", warning.get().message());
            }
            sources.put(settings.sourceId(), detail);
        }
        return (degraded ? Health.status(DEGRADED) : Health.up()).withDetail("sources", sources).build();
    }
}
