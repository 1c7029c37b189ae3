package org.tracehub.hub.broker;

import java.nio.file.Path;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.tracehub.hub.dropbox.PullHealthIndicator;

/**
 * {@code /actuator/health} component {@code brokerDisk}: free space on the broker's disk, against the amount below
 * which the broker blocks every send ({@code hub.broker.min-disk-free}). DEGRADED below {@code hub.broker.warn-disk-free},
 * and DEGRADED whenever the broker blocks, whatever the warning is set to: intake and imports wait, but the consumer
 * pages and the trace API still answer, so a load balancer must not take the hub out of service (the disk-space
 * component says DOWN when the disk is really full). A blocking broker is never reported UP.
 */
@Component("brokerDisk")
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
public class BrokerDiskHealthIndicator implements HealthIndicator {

    private final Path folder;
    private final BrokerDisk disk;
    private final ToLongFunction<Path> usableSpace;

    @Autowired
    public BrokerDiskHealthIndicator(@Value("${spring.artemis.embedded.data-directory:${hub.data-dir}/broker}") String folder,
                                     BrokerDisk disk) {
        this(Path.of(folder), disk, BrokerDisk::usableSpace);
    }

    BrokerDiskHealthIndicator(Path folder, BrokerDisk disk, ToLongFunction<Path> usableSpace) {
        this.folder = folder;
        this.disk = disk;
        this.usableSpace = usableSpace;
    }

    @Override
    public Health health() {
        long free = usableSpace.applyAsLong(folder);
        boolean blocking = free < disk.getMinDiskFree().toBytes();
        boolean low = free < disk.getWarnDiskFree().toBytes();
        // blocking implies degraded on its own: BrokerDisk refuses a warning below the minimum, but the two must never
        // let a broker that blocks every send look healthy
        Health.Builder health = blocking || low ? Health.status(PullHealthIndicator.DEGRADED) : Health.up();
        health.withDetail("path", folder.toAbsolutePath().toString())
                .withDetail("free", DataSize.ofBytes(free).toMegabytes() + "MB")
                .withDetail("minDiskFree", disk.getMinDiskFree().toMegabytes() + "MB")
                .withDetail("warnDiskFree", disk.getWarnDiskFree().toMegabytes() + "MB")
                .withDetail("blocking", blocking);
        if (blocking) {
            health.withDetail("message", "消息代理磁盘空间不足，已暂停接收新消息：文件接收与导入在释放空间前处于等待状态");
        } else if (low) {
            health.withDetail("message", "消息代理所在磁盘剩余空间偏低，请及时清理或扩容");
        }
        return health.build();
    }
}
