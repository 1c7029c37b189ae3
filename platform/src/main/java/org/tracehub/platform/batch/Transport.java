package org.tracehub.platform.batch;

/** How a file reached the hub. */
public enum Transport {
    SFTP,
    HTTP,
    PULL
}
