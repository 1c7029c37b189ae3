package org.tracehub.hub.sftp;

import java.util.Objects;

/** Whether the drop-box is up, in a form a health endpoint can show as it is. */
public final class DropBoxHealth {

    /**
     * @param up                 started and listening
     * @param port               the port listened on, or -1 when down
     * @param hostKeyFingerprint {@code SHA256:…} of the host key, for sources to check against their known_hosts
     */
    public record Status(boolean up, int port, String hostKeyFingerprint) {
    }

    private final DropBoxServer server;

    public DropBoxHealth(DropBoxServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    public Status check() {
        try {
            return new Status(server.isRunning(), server.port(), server.hostKeyFingerprint());
        } catch (IllegalStateException notRunning) {
            return new Status(false, -1, null);
        }
    }
}
