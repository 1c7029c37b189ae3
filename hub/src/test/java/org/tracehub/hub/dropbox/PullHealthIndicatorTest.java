package org.tracehub.hub.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullProperties;
import org.tracehub.routes.pull.PullSettings;
import org.tracehub.routes.pull.PullStatus;
import org.tracehub.routes.pull.PullWarning;

/** The {@code pulls} health component: DEGRADED for a failing pull, and for files a pull left on the legacy server. */
class PullHealthIndicatorTest {

    private static final OffsetDateTime NIGHT = OffsetDateTime.parse("2026-12-01T02:30:09+08:00");

    private final LegacyPulls pulls = mock(LegacyPulls.class);

    @Test
    void filesAPullCouldNotMoveOnTheLegacyServerTurnTheHealthDegradedAndAreNamed() {
        when(pulls.settings()).thenReturn(List.of(settings("meat-xj-legacy"), settings("dairy-legacy")));
        when(pulls.status("meat-xj-legacy")).thenReturn(Optional.of(new PullStatus("meat-xj-legacy", NIGHT, NIGHT, null, null, 0, 2)));
        when(pulls.status("dairy-legacy")).thenReturn(Optional.of(new PullStatus("dairy-legacy", NIGHT, NIGHT, null, null, 0, 1)));
        when(pulls.warning("meat-xj-legacy")).thenReturn(Optional.of(new PullWarning(NIGHT, 2,
                "交易明细_20261201.csv was taken in as batch 20261201-0a1b2c3d4e but could not be moved to done/20261201-0a1b2c3d4e/ …")));

        Health health = new PullHealthIndicator(pulls).health();

        assertThat(health.getStatus()).isEqualTo(new Status(PullHealthIndicator.DEGRADED));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> sources = (Map<String, Map<String, Object>>) health.getDetails().get("sources");
        assertThat(sources.get("meat-xj-legacy")).containsEntry("filesLeftOnServer", 2)
                .containsEntry("warningAt", NIGHT.toString()).containsEntry("consecutiveFailures", 0)
                .hasEntrySatisfying("warning", w -> assertThat((String) w).startsWith("交易明细_20261201.csv was taken in"));
        assertThat(sources.get("dairy-legacy")).doesNotContainKey("warning");
    }

    @Test
    void pullsThatSucceedAndLeftNothingBehindAreUp() {
        when(pulls.settings()).thenReturn(List.of(settings("meat-xj-legacy")));
        when(pulls.status("meat-xj-legacy")).thenReturn(Optional.of(new PullStatus("meat-xj-legacy", NIGHT, NIGHT, null, null, 0, 2)));

        assertThat(new PullHealthIndicator(pulls).health().getStatus()).isEqualTo(Status.UP);
    }

    private static PullSettings settings(String source) {
        return new PullSettings(source, "legacy.example", 22, "hub", "secret", null, null, "export", List.of("*.csv"), "0 30 2 * * *",
                PullProperties.AfterFetch.MOVE, "done", Path.of("/srv/hub/ssh/known_hosts"), Path.of("/srv/hub/pull/work"));
    }
}
