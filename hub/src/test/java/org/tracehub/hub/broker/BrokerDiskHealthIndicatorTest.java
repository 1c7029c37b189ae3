package org.tracehub.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

class BrokerDiskHealthIndicatorTest {

    private static final Path BROKER = Path.of("/srv/tracehub/data/broker");

    @Test
    void plentyOfFreeSpaceIsUpWhateverShareOfTheDiskIsUsed() {
        // a 4 TB disk 95 % full: Artemis' default share limit would block here, the hub's amount does not
        Health health = indicatorWithFree(DataSize.ofGigabytes(200)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("blocking", false).containsEntry("free", "204800MB");
    }

    @Test
    void lessThanTheWarningIsDegradedSoMonitoringNoticesBeforeTheBrokerBlocks() {
        Health health = indicatorWithFree(DataSize.ofGigabytes(3)).health();

        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsEntry("blocking", false)
                .containsEntry("message", "消息代理所在磁盘剩余空间偏低，请及时清理或扩容");
    }

    @Test
    void belowTheBrokersMinimumItSaysSendsAreBlockedButKeepsTheHubInService() {
        Health health = indicatorWithFree(DataSize.ofMegabytes(100)).health();

        assertThat(health.getStatus().getCode()).as("consumer pages still answer").isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsEntry("blocking", true).containsEntry("minDiskFree", "512MB");
        assertThat((String) health.getDetails().get("message")).startsWith("消息代理磁盘空间不足，已暂停接收新消息");
    }

    @Test
    void aBrokerThatBlocksIsDegradedEvenWhenTheWarningIsSetNoHigherThanTheMinimum() {
        // min-disk-free equal to warn-disk-free: 6 GB free is above the warning's "below" and below the broker's minimum
        BrokerDisk disk = new BrokerDisk();
        disk.setMinDiskFree(DataSize.ofGigabytes(8));
        disk.setWarnDiskFree(DataSize.ofGigabytes(8));

        Health health = indicatorWithFree(disk, DataSize.ofGigabytes(8).toBytes() - 1).health();

        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsEntry("blocking", true).containsEntry("warnDiskFree", "8192MB");
        assertThat((String) health.getDetails().get("message")).startsWith("消息代理磁盘空间不足，已暂停接收新消息");
    }

    @Test
    void exactlyTheMinimumFreeDoesNotBlock() {
        BrokerDisk disk = new BrokerDisk();
        disk.setWarnDiskFree(DataSize.ofMegabytes(512));

        Health health = indicatorWithFree(disk, DataSize.ofMegabytes(512).toBytes()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("blocking", false);
    }

    private static BrokerDiskHealthIndicator indicatorWithFree(DataSize free) {
        return indicatorWithFree(new BrokerDisk(), free.toBytes());
    }

    private static BrokerDiskHealthIndicator indicatorWithFree(BrokerDisk disk, long free) {
        return new BrokerDiskHealthIndicator(BROKER, disk, folder -> {
            assertThat(folder).isEqualTo(BROKER);
            return free;
        });
    }
}
