package org.tracehub.hub.dropbox;

import java.nio.file.Path;

/** The start stopped on a host key a restore left behind ({@link HostKeyRestoreGuard}). */
public class HostKeyMissingException extends IllegalStateException {

    static final String ACTION = "Restore ssh/ from the same backup as the database (README, \"Backup and restore\"); or, to "
            + "give the drop-box a new key on purpose and send its fingerprint to every sender, start once with "
            + "hub.sftp.allow-new-host-key=true.";

    private final String description;

    HostKeyMissingException(Path hostKeyFile) {
        this("The drop-box's host key " + hostKeyFile + " is missing, but the database already has batches: the data "
                + "directory was restored without its ssh/ folder, and a new key would break every sender's known_hosts.");
    }

    private HostKeyMissingException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    String description() {
        return description;
    }
}
