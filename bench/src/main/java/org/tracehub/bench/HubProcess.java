package org.tracehub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real hub: {@code java -jar trace-hub.jar} with its embedded defaults (demo profile for its admin
 * account, without the demo's sample files), a data dir of its own, on ports of the harness; with
 * {@code -Dbench.database=postgresql} its {@code postgres} profile on a database of its own ({@link BenchDatabase}). Files go
 * in through the HTTP upload (which stages them in the source's inbox); a file is done when the API
 * shows its batch in a final status and its receipt is in the source's outbox.
 */
final class HubProcess implements AutoCloseable {

    private static final Set<String> FINAL = Set.of("LOADED", "FAILED", "DUPLICATE", "EMPTY", "UNKNOWN_SOURCE");
    private static final Pattern BATCH_ID = Pattern.compile("\"batchId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern LOADED_ATTEMPT = Pattern.compile("\"loadedAttempt\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"(read|accepted|rejected)\"\\s*:\\s*(\\d+)");

    private final BenchSettings settings;
    private final Path dataDir;
    private final ChildJvm jvm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ThreadCpu threadCpu;

    /** What became of one uploaded file. */
    record Done(String batchId, String status, long read, long accepted, long rejected, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private HubProcess(BenchSettings settings, Path dataDir, ChildJvm jvm) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.jvm = jvm;
    }

    static HubProcess start(BenchSettings settings, Path runDir) throws IOException, InterruptedException, SQLException {
        BenchFiles.deleteTree(runDir);
        Path dataDir = runDir.resolve("data");
        List<String> args = new ArrayList<>(List.of("-jar", settings.hubJar().toString(),
                "--spring.profiles.active=" + (BenchDatabase.postgres() ? "demo,postgres" : "demo"),
                "--hub.demo.drop-samples=false",
                "--hub.data-dir=" + dataDir,
                "--server.port=" + settings.port(),
                "--hub.sftp.port=" + settings.sftpPort(),
                "--hub.sftp.max-file-size=4GB",
                "--hub.sftp.max-files-per-hour=100000"));
        if (BenchDatabase.postgres()) {
            String db = runDir.resolve("db").toString();
            BenchDatabase.recreate(db);
            // the demo profile on PostgreSQL is refused unless said to be meant: its passwords are in the README
            args.addAll(List.of("--spring.datasource.url=" + BenchDatabase.url(db),
                    "--spring.datasource.username=" + BenchDatabase.user(), "--hub.demo.allow=true"));
        }
        args.addAll(settings.hubArgs());
        HubProcess hub = new HubProcess(settings, dataDir, ChildJvm.start(settings, runDir, args));
        hub.awaitReady();
        if (settings.threadCpu()) {
            hub.threadCpu = ThreadCpu.start(hub.jvm.javaPid(), BenchDatabase.postgres());
        }
        return hub;
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the hub exited while starting; see " + jvm.dir().resolve("output.log"));
            }
            try {
                // readiness, not /actuator/health: the web server answers (and health shows components UP) before the
                // routes run, and an upload then is refused with 503 INTAKE_UNAVAILABLE
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/actuator/health/readiness")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the hub did not become healthy within 5 minutes; see " + jvm.dir().resolve("output.log"));
    }

    /** Uploads {@code file} as {@code name} and waits for its batch to be final and its receipt written. */
    Done send(Path file, String source, String name, Duration poll) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String batchId = upload(file, source, name);
        Path receipt = dataDir.resolve("sftp").resolve(source).resolve("outbox").resolve(name + ".receipt.csv");
        long deadline = start + Duration.ofMinutes(settings.timeoutMinutes()).toNanos();
        String body = null;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the hub exited; see " + jvm.dir().resolve("output.log"));
            }
            // the receipt file first: every API call is an HTTP Basic login, a bcrypt hash that costs the hub tens of
            // milliseconds of CPU, and polling with it took a large share of a core from the run being measured
            if (Files.exists(receipt) && (body == null || !FINAL.contains(status(body)))) {
                body = get("/api/batches/" + batchId);
            }
            if (body != null && FINAL.contains(status(body))) {
                long end = System.nanoTime();
                return new Done(batchId, status(body), count(body, "read"), count(body, "accepted"), count(body, "rejected"), start, end);
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("batch " + batchId + " not done after " + settings.timeoutMinutes() + " min: " + body);
    }

    /**
     * Asks for a reprocess of a loaded batch and waits until the store holds its next attempt (LOADED with
     * {@code loadedAttempt} one higher; the receipt follows). The request is refused with 409 while the batch's
     * last job is still finishing (its receipt step), so it is sent again until accepted.
     */
    Done reprocess(Done loaded, Duration poll) throws IOException, InterruptedException {
        String path = "/api/batches/" + loaded.batchId();
        int wanted = loadedAttempt(get(path)) + 1;
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(settings.timeoutMinutes()).toNanos();
        while (true) {
            HttpResponse<String> r = http.send(authorized(path + "/reprocess").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                break;
            }
            if (r.statusCode() != 409 || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST " + path + "/reprocess answered " + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(poll.toMillis());
        }
        String body = null;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the hub exited; see " + jvm.dir().resolve("output.log"));
            }
            // no file to watch: a receipt of the first attempt is already there, so this polls the API (poll sparingly)
            body = get(path);
            if ("LOADED".equals(status(body)) && loadedAttempt(body) == wanted) {
                return new Done(loaded.batchId(), "LOADED", count(body, "read"), count(body, "accepted"), count(body, "rejected"), start,
                        System.nanoTime());
            }
            if ("FAILED".equals(status(body))) {
                throw new IllegalStateException("the reprocess of " + loaded.batchId() + " FAILED: " + body);
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("the reprocess of " + loaded.batchId() + " not loaded after " + settings.timeoutMinutes()
                + " min: " + body);
    }

    /** The HTTP upload, with curl (multipart streaming of a file of any size). */
    private String upload(Path file, String source, String name) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "-u", settings.user() + ":" + settings.password(),
                "-F", "file=@" + file + ";filename=" + name, url("/api/sources/" + source + "/files").toString())
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (curl.waitFor() != 0) {
            throw new IllegalStateException("upload of " + file + " failed: " + out);
        }
        Matcher m = BATCH_ID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no batch id in the upload's answer: " + out);
        }
        return m.group(1);
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private HttpRequest.Builder authorized(String path) {
        String auth = Base64.getEncoder().encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(url(path)).header("Authorization", "Basic " + auth).header("Accept", "application/json");
    }

    private static int loadedAttempt(String body) {
        Matcher m = LOADED_ATTEMPT.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String status(String body) {
        Matcher m = STATUS.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static long count(String body, String name) {
        Matcher m = COUNT.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        return -1;
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + settings.port() + path);
    }

    /**
     * With {@code bench.thread-cpu}: the CPU of the hub's threads and the server's processes in each step of
     * {@code done}'s batch and over the whole file, as a table, also written to {@code thread-cpu.md} in the run's
     * folder; empty without it.
     */
    String threadCpuReport(Done done) throws IOException {
        if (threadCpu == null) {
            return "";
        }
        // steps shorter than a few samples (stage, receipt) would show sampling noise; the whole file includes them
        List<ThreadCpu.Window> steps = ThreadCpu.steps(jvm.dir().resolve("output.log"), done.batchId()).stream()
                .filter(w -> w.seconds() >= ThreadCpu.SHORTEST_WINDOW_SECONDS).toList();
        String table = threadCpu.report(ThreadCpu.windows(steps, new ThreadCpu.Window("upload → receipt",
                ThreadCpu.wallClockOf(done.startNanos()), ThreadCpu.wallClockOf(done.endNanos()))));
        Files.writeString(jvm.dir().resolve("thread-cpu.md"), table);
        return table;
    }

    /** Stops the hub (SIGTERM) and returns what the GC log and {@code time -v} recorded. */
    JvmFigures stop() throws IOException, InterruptedException {
        if (threadCpu != null) {
            threadCpu.close();
        }
        jvm.stop();
        return jvm.figures();
    }

    /**
     * Stops the hub if it still runs and drops its PostgreSQL database; its data folder (the H2 store, the archive,
     * the broker's journal) goes too unless {@code bench.keep-data}. The run folder keeps the logs and figures.
     */
    @Override
    public void close() throws Exception {
        if (threadCpu != null) {
            threadCpu.close();
        }
        if (jvm.isAlive()) {
            jvm.stop();
        }
        BenchDatabase.drop(jvm.dir().resolve("db").toString());
        if (!BenchDatabase.keepData()) {
            BenchFiles.deleteTree(dataDir);
        }
    }
}
