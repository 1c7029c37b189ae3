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
                .as("written before warnings had a kind (V26): the only kind there was").containsEntry("warningKind", "LEFT_AFTER_FETCH")
                .hasEntrySatisfying("warningText", text -> assertThat((String) text).startsWith("2 个已拉取的文件未能在原服务器上移走或删除")
                        .contains("请在原服务器上手工移走或删除"))
                .hasEntrySatisfying("warningAt", at -> assertThat(OffsetDateTime.parse((String) at).toInstant()).isEqualTo(night.toInstant()));
    }

    @Test
    void filesAPullDidNotFetchAreToldApartFromFilesToMoveByHandInTheKindAndTheChineseText() {
        OffsetDateTime night = OffsetDateTime.parse("2026-12-01T02:41:00+08:00");
        String detail = "交易明细_20261201.csv 修改时间太近，未拉取，仍留在原服务器上：本次拉取共 4 次运行";
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, consecutive_failures, last_fetched, warning_kind, "
                + "warning_at, warning_files, warning_message) VALUES (?, ?, ?, 0, 0, 'NOT_FETCHED', ?, 1, ?)")
                .params(PULLED_SOURCE, night, night, night, detail).update();

        Health reading = health.health();

        assertThat(reading.getStatus()).isEqualTo(new Status(PullHealthIndicator.DEGRADED));
        assertThat(pulledSource(reading)).containsEntry("warningKind", "NOT_FETCHED").containsEntry("filesLeftOnServer", 1)
                .containsEntry("warning", detail)
                .hasEntrySatisfying("warningText", text -> assertThat((String) text).startsWith("1 个文件未拉取，仍留在原服务器上（平台尚未接收）")
                        .contains("请勿在原服务器上删除").as("nothing to move by hand").doesNotContain("手工移走或删除"));
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
                .doesNotContainKey("warning").doesNotContainKey("warningKind");
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
