package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.tracehub.hub.dropbox.PullHealthIndicator;

/**
 * The {@code pulls} health component of the real hub: DEGRADED for a failing pull, and for files a pull left on the
 * legacy server. The pulled source never connects here: each test writes its pull state as a pull would have left it
 * (routes' {@code PullStatusStore}).
 */
class PullHealthIndicatorTest extends ConsoleTestSupport {

    private static final String DETAIL =
            "交易明细_20261201.csv was taken in as batch 20261201-0a1b2c3d4e but could not be moved to done/20261201-0a1b2c3d4e/ …";

    @Autowired
    PullHealthIndicator health;

    @AfterEach
    void noPullState() {
        // the shared context's health is UP again for the other tests
        jdbc.sql("DELETE FROM pull_state WHERE source_id = ?").param(PULLED_SOURCE).update();
    }

    @Test
    void filesAPullCouldNotMoveOnTheLegacyServerTurnTheHealthDegradedAndAreNamed() {
        OffsetDateTime night = OffsetDateTime.parse("2026-12-01T02:30:09+08:00");
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, consecutive_failures, last_fetched, warning_at, "
                + "warning_files, warning_message) VALUES (?, ?, ?, 0, 2, ?, 2, ?)").params(PULLED_SOURCE, night, night, night, DETAIL).update();

        Health reading = health.health();

        assertThat(reading.getStatus()).isEqualTo(new Status(PullHealthIndicator.DEGRADED));
        assertThat(pulledSource(reading)).containsEntry("filesLeftOnServer", 2).containsEntry("consecutiveFailures", 0)
                .containsEntry("cron", "(on request)").containsEntry("warning", DETAIL)
                .hasEntrySatisfying("warningAt", at -> assertThat(OffsetDateTime.parse((String) at).toInstant()).isEqualTo(night.toInstant()));
    }

    @Test
    void aPullThatFailsTurnsTheHealthDegradedAndSaysWhy() {
        OffsetDateTime night = OffsetDateTime.parse("2026-12-01T02:30:09+08:00");
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, last_failure_at, last_failure_message, "
                + "consecutive_failures, last_fetched) VALUES (?, ?, ?, ?, ?, 3, 2)")
                .params(PULLED_SOURCE, night, night.minusDays(1), night, "Auth fail").update();

        Health reading = health.health();

        assertThat(reading.getStatus()).isEqualTo(new Status(PullHealthIndicator.DEGRADED));
        assertThat(pulledSource(reading)).containsEntry("consecutiveFailures", 3).containsEntry("lastFailure", "Auth fail")
                .doesNotContainKey("warning");
    }

    @Test
    void pullsThatSucceedAndLeftNothingBehindAreUp() {
        OffsetDateTime night = OffsetDateTime.parse("2026-12-01T02:30:09+08:00");
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, consecutive_failures, last_fetched) "
                + "VALUES (?, ?, ?, 0, 2)").params(PULLED_SOURCE, night, night).update();

        Health reading = health.health();

        assertThat(reading.getStatus()).isEqualTo(Status.UP);
        assertThat(pulledSource(reading)).containsEntry("lastFetched", 2).doesNotContainKey("lastFailure").doesNotContainKey("warning");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pulledSource(Health reading) {
        return ((Map<String, Map<String, Object>>) reading.getDetails().get("sources")).get(PULLED_SOURCE);
    }
}
