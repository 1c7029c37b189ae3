package org.tracehub.hub.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.tracehub.platform.storage.DiskSpace;

/**
 * The embedded broker's journal shares the data disk with the archive (kept for years), H2 and the staging. Artemis'
 * own limit is a share of that disk (90 % unless told otherwise): past it every send waits, with no time limit, so intake,
 * imports and the nightly sync stall while a large disk still has hundreds of gigabytes free. The hub sets an absolute
 * amount of free space instead ({@code hub.broker.min-disk-free}), and its health reports the disk before the broker
 * blocks ({@code hub.broker.warn-disk-free}). A warning below the minimum would warn only after sends are blocked, so
 * such a pair stops the start.
 */
@ConfigurationProperties(prefix = "hub.broker", ignoreUnknownFields = false)
public class BrokerDisk implements InitializingBean {

    /** Below this much free space the embedded broker blocks every send until space is freed. */
    private DataSize minDiskFree = DataSize.ofMegabytes(512);
    /** Below this much free space the {@code brokerDisk} health component is DEGRADED: time to free space or grow the disk. */
    private DataSize warnDiskFree = DataSize.ofGigabytes(5);

    public DataSize getMinDiskFree() {
        return minDiskFree;
    }

    public void setMinDiskFree(DataSize minDiskFree) {
        this.minDiskFree = minDiskFree;
    }

    public DataSize getWarnDiskFree() {
        return warnDiskFree;
    }

    public void setWarnDiskFree(DataSize warnDiskFree) {
        this.warnDiskFree = warnDiskFree;
    }

    /** Checked once bound: the warning must come before the broker blocks, so it may not be below the minimum. */
    @Override
    public void afterPropertiesSet() {
        if (minDiskFree.toBytes() > warnDiskFree.toBytes()) {
            throw new IllegalStateException(("hub.broker.min-disk-free (%s) is above hub.broker.warn-disk-free (%s): the broker "
                    + "would block every send while the health still said UP. Set warn-disk-free to at least min-disk-free "
                    + "(defaults: 512MB and 5GB).").formatted(readable(minDiskFree), readable(warnDiskFree)));
        }
    }

    /** As it would be written in application.yml: 6GB, 512MB, else bytes. */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes != 0 && bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return size.toGigabytes() + "GB";
        }
        if (bytes != 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        return bytes + "B";
    }

    /** Usable bytes on the disk holding {@code folder} (or the nearest existing parent). */
    static long usableSpace(Path folder) {
        try {
            return DiskSpace.usableBytes(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
