package org.tracehub.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronDueTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void theNightlyCronWasLastDueAtTwoThisMorningOnceItIsPast() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 7, 45, 0, 0, SHANGHAI);

        assertThat(CronDue.lastDue("0 0 2 * * *", now, DAY)).contains(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, SHANGHAI));
    }

    @Test
    void beforeTwoTheNightlyCronWasLastDueTheNightBefore() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 1, 59, 59, 0, SHANGHAI);

        assertThat(CronDue.lastDue("0 0 2 * * *", now, DAY)).contains(ZonedDateTime.of(2026, 11, 28, 2, 0, 0, 0, SHANGHAI));
    }

    @Test
    void aDueTimeExactlyNowCounts() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, SHANGHAI);

        assertThat(CronDue.lastDue("0 0 2 * * *", now, DAY)).contains(now);
    }

    @Test
    void aDueTimeOlderThanTheMaximumAgeIsNotReported() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 7, 45, 0, 0, SHANGHAI);

        // weekly, on Mondays at 02:00: 2026-11-23 is six days back
        assertThat(CronDue.lastDue("0 0 2 * * MON", now, DAY)).isEmpty();
        assertThat(CronDue.lastDue("0 0 2 * * MON", now, Duration.ofDays(7)))
                .contains(ZonedDateTime.of(2026, 11, 23, 2, 0, 0, 0, SHANGHAI));
        assertThat(CronDue.lastDue("0 0 2 * * *", now, Duration.ZERO)).isEmpty();
    }

    @Test
    void aCronDueEverySecondIsFoundWithoutSteppingThroughTheDay() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 7, 45, 12, 500_000_000, SHANGHAI);

        assertThat(CronDue.lastDue("* * * * * *", now, DAY)).contains(now.withNano(0));
    }

    @Test
    void theCronIsReadInTheZoneOfNow() {
        ZonedDateTime instant = ZonedDateTime.of(2026, 11, 28, 19, 0, 0, 0, ZoneId.of("UTC")); // 03:00 in Shanghai

        // 02:00 in Shanghai was 18:00 UTC; 02:00 UTC was seventeen hours earlier
        assertThat(CronDue.lastDue("0 0 2 * * *", instant.withZoneSameInstant(SHANGHAI), DAY).orElseThrow().toInstant())
                .isEqualTo(instant.minusHours(1).toInstant());
        assertThat(CronDue.lastDue("0 0 2 * * *", instant, DAY).orElseThrow().toInstant())
                .isEqualTo(instant.minusHours(17).toInstant());
    }
}
