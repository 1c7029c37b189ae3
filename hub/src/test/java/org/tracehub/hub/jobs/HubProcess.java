package org.tracehub.hub.jobs;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;

/**
 * The hub as a separate JVM (the test's own classpath, {@code TraceHubApplication}) on a data
 * directory, so that a test can kill it with SIGKILL and start it again on the same data. Its output
 * goes to {@code hub-<n>.log} in the data directory.
 */
final class HubProcess implements AutoCloseable {

    static final String SOURCE = "meat-wholesale-xj";
    static final String PASSWORD = "crash-test";
    // every port freePort gave: never given twice
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final String PASSWORD_HASH =
            org.springframework.security.crypto.bcrypt.BCrypt.hashpw(PASSWORD, org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));

    private final Process process;
    private final int httpPort;
    private final int sftpPort;
    private final Path log;
    private final RestClient api;

    private HubProcess(Process process, int httpPort, int sftpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.sftpPort = sftpPort;
        this.log = log;
        this.api = HubTestUsers.admin("http://127.0.0.1:" + httpPort);
    }

    /** Starts the hub on the data directory and waits until it is ready. */
    static HubProcess start(Path dataDir, int chunkSize) throws IOException {
        HubProcess hub = launch(dataDir, chunkSize);
        hub.awaitReady();
        return hub;
    }

    /** Starts the hub on the data directory without waiting (two hubs can start side by side). */
    static HubProcess launch(Path dataDir, int chunkSize) throws IOException {
        Files.createDirectories(dataDir);
        int httpPort = freePort();
        int sftpPort = freePort();
        int n = 1;
        while (Files.exists(dataDir.resolve("hub-" + n + ".log"))) {
            n++;
        }
        Path log = dataDir.resolve("hub-" + n + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "org.tracehub.hub.TraceHubApplication",
                "--hub.data-dir=" + dataDir,
                "--server.port=" + httpPort,
                "--hub.sftp.port=" + sftpPort,
                "--hub.sftp.host=127.0.0.1",
                "--hub.sftp.accounts." + SOURCE + ".password-hash=" + PASSWORD_HASH,
                "--hub.jobs.chunk-size=" + chunkSize,
                "--hub.jobs.nightly-sync.enabled=false",
                "--hub.jobs.purge.enabled=false",
                // readiness (ACCEPTING_TRAFFIC) comes once everything, Camel included, has started
                "--management.endpoint.health.probes.enabled=true",
                "--spring.main.banner-mode=off",
                // its output is in hub-<n>.log; the tests' shared log file is the test JVM's
                "--logging.file.name="));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new HubProcess(process, httpPort, sftpPort, log);
    }

    /** Waits until the hub reports itself ready to take traffic. */
    void awaitReady() {
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
                }
                return ready();
            });
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    private boolean ready() {
        try {
            Map<String, Object> readiness = api.get().uri("/actuator/health/readiness").retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            return readiness != null && "UP".equals(readiness.get("status"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Uploads like a legacy system: a .part file, then a rename. */
    void upload(String name, byte[] content) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        // the test talks to its own hub on the loopback interface; the host key is the one it just generated
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(SOURCE, "127.0.0.1", sftpPort).verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("inbox/" + name + ".part")) {
                    out.write(content);
                }
                sftp.rename("inbox/" + name + ".part", "inbox/" + name);
            }
        } finally {
            client.stop();
        }
    }

    /** The id of the batch made of the file, once intake recorded it. */
    String awaitBatch(String fileName) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, Object>> batches = api.get().uri("/api/batches?source={s}", SOURCE).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            return batches.stream().filter(b -> fileName.equals(b.get("fileName"))).map(b -> (String) b.get("id")).findFirst()
                    .orElse(null);
        }, id -> id != null);
    }

    Map<String, Object> batch(String id) {
        return api.get().uri("/api/batches/{id}", id).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    Map<String, Object> progress(String id) {
        return api.get().uri("/api/batches/{id}/progress", id).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    /** Polls the batch's progress often until it matches (a kill point), failing if the batch gets past it. */
    Map<String, Object> awaitProgress(String id, Predicate<Map<String, Object>> point, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
            Map<String, Object> p = progress(id);
            if ("DONE".equals(p.get("phase"))) {
                throw new IllegalStateException("the batch finished before the kill point: " + p);
            }
            return p;
        }, point);
    }

    Map<String, Object> awaitStatus(String id, String status, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> batch(id), b -> status.equals(b.get("status")));
    }

    RestClient api() {
        return api;
    }

    /** SIGKILL: the JVM gets no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: a normal shutdown. */
    void stop() {
        process.destroy();
        waitFor();
    }

    /**
     * SIGTERM, and the exit status once the JVM has exited, or -1 when it is still running after {@code within} (it is
     * killed then, so that no process outlives the test).
     */
    int stop(Duration within) {
        process.destroy();
        try {
            if (process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return -1;
    }

    Path log() {
        return log;
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * A port free now and not handed out before in this JVM: each socket is closed before the hub binds its port, and the
     * system may give a closed socket's port again, to the same hub's other port or to a hub started beside it.
     */
    private static int freePort() throws IOException {
        synchronized (HANDED_OUT) {
            while (true) {
                try (ServerSocket socket = new ServerSocket(0)) {
                    socket.setReuseAddress(true);
                    if (HANDED_OUT.add(socket.getLocalPort())) {
                        return socket.getLocalPort();
                    }
                }
            }
        }
    }
}
