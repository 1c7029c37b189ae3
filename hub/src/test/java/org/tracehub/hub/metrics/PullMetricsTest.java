package org.tracehub.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullProperties;
import org.tracehub.routes.pull.PullSettings;
import org.tracehub.routes.pull.PullStatus;

/**
 * The pulls' state as gauges an alert can fire on, one series per configured source. A source that never pulled, as the
 * real pulls report it: {@code MetricsScrapeTest}.
 */
class PullMetricsTest {

    private static final OffsetDateTime SUCCESS = OffsetDateTime.parse("2026-11-30T02:00:05+08:00");
    private static final OffsetDateTime ATTEMPT = OffsetDateTime.parse("2026-12-01T02:30:00+08:00");

    private final LegacyPulls pulls = mock(LegacyPulls.class);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    /** Held as the application context holds the bean: Micrometer's gauges hold it weakly, and a collection would turn them NaN. */
    private PullMetrics metrics;

    @Test
    void aFailingSourceShowsItsFailuresInARowAndWhenItLastSucceeded() {
        configured("meat-xj-legacy", "dairy-legacy");
        when(pulls.status("meat-xj-legacy")).thenReturn(Optional.of(
                new PullStatus("meat-xj-legacy", ATTEMPT, SUCCESS, ATTEMPT, "Auth fail", 3, 0)));
        when(pulls.status("dairy-legacy")).thenReturn(Optional.of(
                new PullStatus("dairy-legacy", SUCCESS, SUCCESS, null, null, 0, 2)));

        metrics = new PullMetrics(pulls, registry, nanos::get);

        assertThat(gauge(PullMetrics.CONSECUTIVE_FAILURES, "meat-xj-legacy")).isEqualTo(3.0);
        assertThat(gauge(PullMetrics.LAST_SUCCESS, "meat-xj-legacy")).isEqualTo(SUCCESS.toEpochSecond());
        assertThat(gauge(PullMetrics.LAST_ATTEMPT, "meat-xj-legacy")).isEqualTo(ATTEMPT.toEpochSecond());
        assertThat(gauge(PullMetrics.CONSECUTIVE_FAILURES, "dairy-legacy")).isZero();
        assertThat(registry.get(PullMetrics.LAST_SUCCESS).gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void aSourceThatNeverSucceededIsAsStaleAsItsPullIsOldSoTheStaleAlertFiresForIt() {
        configured("meat-xj-legacy", "dairy-legacy");
        Instant configured = Instant.parse("2026-11-28T10:15:00Z");
        when(pulls.configuredAt("meat-xj-legacy")).thenReturn(Optional.of(configured));
        when(pulls.configuredAt("dairy-legacy")).thenReturn(Optional.of(configured));
        when(pulls.status("meat-xj-legacy")).thenReturn(Optional.of(PullStatus.never("meat-xj-legacy")));
        when(pulls.status("dairy-legacy")).thenReturn(Optional.of(
                new PullStatus("dairy-legacy", ATTEMPT, SUCCESS, null, null, 0, 2)));

        metrics = new PullMetrics(pulls, registry, nanos::get);

        assertThat(gauge(PullMetrics.LAST_SUCCESS, "meat-xj-legacy")).as("never: since it was configured")
                .isEqualTo(configured.getEpochSecond());
        assertThat(gauge(PullMetrics.LAST_ATTEMPT, "meat-xj-legacy")).isNaN();
        assertThat(gauge(PullMetrics.LAST_SUCCESS, "dairy-legacy")).isEqualTo(SUCCESS.toEpochSecond());
    }

    @Test
    void anUnreadableStateIsNotANumberRatherThanAFailedScrape() {
        configured("meat-xj-legacy");
        when(pulls.status("meat-xj-legacy")).thenThrow(new DataAccessResourceFailureException("database down"));

        metrics = new PullMetrics(pulls, registry, nanos::get);

        assertThat(gauge(PullMetrics.CONSECUTIVE_FAILURES, "meat-xj-legacy")).isNaN();
    }

    @Test
    void oneScrapeReadsEachSourcesStateOnce() {
        configured("meat-xj-legacy");
        when(pulls.status("meat-xj-legacy")).thenReturn(Optional.of(PullStatus.never("meat-xj-legacy")));
        metrics = new PullMetrics(pulls, registry, nanos::get);

        gauge(PullMetrics.CONSECUTIVE_FAILURES, "meat-xj-legacy");
        gauge(PullMetrics.LAST_SUCCESS, "meat-xj-legacy");
        gauge(PullMetrics.LAST_ATTEMPT, "meat-xj-legacy");
        verify(pulls, times(1)).status("meat-xj-legacy");

        nanos.addAndGet(PullMetrics.FRESH_NANOS + 1);
        gauge(PullMetrics.CONSECUTIVE_FAILURES, "meat-xj-legacy");
        verify(pulls, times(2)).status("meat-xj-legacy");
    }

    private void configured(String... sources) {
        when(pulls.settings()).thenReturn(java.util.Arrays.stream(sources).map(PullMetricsTest::settings).toList());
    }

    private double gauge(String name, String source) {
        return registry.get(name).tag(HubMetrics.TAG_SOURCE, source).gauge().value();
    }

    private static PullSettings settings(String source) {
        return new PullSettings(source, "legacy.example", 22, "hub", "secret", null, null, "export", List.of("*.csv"), "",
                PullProperties.AfterFetch.MOVE, "done", Path.of("/srv/hub/ssh/known_hosts"), Path.of("/srv/hub/pull/work"));
    }
}
