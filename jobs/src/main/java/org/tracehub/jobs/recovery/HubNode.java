package org.tracehub.jobs.recovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This process's name among the hub's nodes: {@code hub.jobs.recovery.node-id}, or by default the host name and the
 * absolute data directory, which stay the same across restarts (so a restarted node takes up its own interrupted runs at
 * once) and differ between two nodes on one host (each has its own data directory).
 */
@Component
public class HubNode {

    static final int MAX_LENGTH = 200;

    private final String id;

    public HubNode(@Value("${hub.jobs.recovery.node-id:}") String configured, @Value("${hub.data-dir:./data}") String dataDir) {
        String name = configured == null || configured.isBlank()
                ? hostName() + ":" + Path.of(dataDir).toAbsolutePath().normalize()
                : configured.trim();
        // a deep data directory must not make the id too long for its column; the end of the path tells nodes apart
        this.id = name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
