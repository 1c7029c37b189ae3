package org.tracehub.platform.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;

/**
 * The data disk's floor ({@code hub.intake.min-disk-free}, 1 GB) with the free space a test sets ({@link #FREE}): the
 * floor's own seam, so that everything else (H2, the archive, the staging, the broker) stays on the test's real disk.
 * Imported by a test class; its context is its own, so the figure is that class's. Set it back in an {@code @AfterEach}.
 */
@TestConfiguration
public class SettableDiskSpace {

    public static final long FLOOR = 1024L * 1024 * 1024;
    /** The data disk's free space as the floor sees it: plenty unless a test says otherwise. */
    public static final AtomicLong FREE = new AtomicLong(Long.MAX_VALUE);

    @Bean
    @Primary
    DiskFloor settableDiskFloor(HubStorage storage) {
        return new DiskFloor(FLOOR, FREE::get, storage.dataDir());
    }
}
