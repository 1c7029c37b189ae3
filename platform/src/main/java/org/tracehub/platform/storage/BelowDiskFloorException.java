package org.tracehub.platform.storage;

import java.io.IOException;

/**
 * A write the hub did not begin because it would take the data disk below {@code hub.intake.min-disk-free}
 * ({@link DiskFloor#check}). An {@link IOException}, as the full disk it stands in for would have been: whatever retries
 * a full disk retries this.
 */
public class BelowDiskFloorException extends IOException {

    public BelowDiskFloorException(String message) {
        super(message);
    }
}
