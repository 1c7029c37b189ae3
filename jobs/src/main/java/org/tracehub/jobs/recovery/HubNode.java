package org.tracehub.jobs.recovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This process's name among the hub's nodes: {@code hub.jobs.recovery.node-id}, or by default the host name and the
 * absolute data directory, which stay the same across restarts (so a restarted node takes up its own interrupted runs at
 * once) and differ between two nodes on one host (each has its own data directory). The name is not this process's
 * alone: a restart, or a second process given the same name by mistake, takes it up too. What tells processes apart is
 * the {@link Process} (a token of its own, its pid and host), which this process writes into its node's row at start
 * ({@link NodeStartCheck}).
 */
@Component
public class HubNode {

    static final int MAX_LENGTH = 200;

    /**
     * This process as its node's row records it.
     *
     * @param zone the JVM's default zone, in which Spring Batch writes the job repository's local times
     */
    public record Process(String token, long pid, String host, ZoneId zone) {
    }

    private final String id;
    private final Process process;

    @Autowired
    public HubNode(@Value("${hub.jobs.recovery.node-id:}") String configured, @Value("${hub.data-dir:./data}") String dataDir) {
        this(configured, dataDir, ZoneId.systemDefault());
    }

    HubNode(String configured, String dataDir, ZoneId zone) {
        String name = configured == null || configured.isBlank()
                ? hostName() + ":" + Path.of(dataDir).toAbsolutePath().normalize()
                : configured.trim();
        // a deep data directory must not make the id too long for its column; the end of the path tells nodes apart
        this.id = name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
        String host = hostName();
        this.process = new Process(UUID.randomUUID().toString(), ProcessHandle.current().pid(),
                host.length() <= MAX_LENGTH ? host : host.substring(0, MAX_LENGTH), zone);
    }

    public String id() {
        return id;
    }

    public Process process() {
        return process;
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
