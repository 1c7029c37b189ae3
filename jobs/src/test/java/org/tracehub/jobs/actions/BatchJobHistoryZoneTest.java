package org.tracehub.jobs.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Spring Batch's local times, written in the JVM's zone, come out in the hub's zone with their offset. */
class BatchJobHistoryZoneTest {

    @Test
    void aRunRecordedByAJvmOnUtcIsShownAtShanghaiTime() {
        BatchJobHistory history = new BatchJobHistory(null, ZoneId.of("Asia/Shanghai"), ZoneOffset.UTC);

        assertThat(history.inHubZone(LocalDateTime.parse("2026-11-27T18:15:00")))
                .isEqualTo(OffsetDateTime.parse("2026-11-28T02:15:00+08:00"));
        assertThat(history.inHubZone(null)).isNull();
    }

    @Test
    void aJvmAlreadyOnTheHubsZoneKeepsTheWallClockTime() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        BatchJobHistory history = new BatchJobHistory(null, shanghai, shanghai);

        assertThat(history.inHubZone(LocalDateTime.parse("2026-11-28T02:15:00")))
                .isEqualTo(OffsetDateTime.parse("2026-11-28T02:15:00+08:00"));
    }
}
