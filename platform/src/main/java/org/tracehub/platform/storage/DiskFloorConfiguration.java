package org.tracehub.platform.storage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The data disk's floor ({@code hub.intake.min-disk-free}), one for the drop-box, the HTTP upload, the pulls and the jobs. */
@Configuration(proxyBeanMethods = false)
public class DiskFloorConfiguration {

    @Bean
    public DiskFloor diskFloor(HubStorage storage, @Value("${hub.intake.min-disk-free:1GB}") DataSize minDiskFree) {
        return DiskFloor.of(storage.dataDir(), minDiskFree.toBytes());
    }
}
