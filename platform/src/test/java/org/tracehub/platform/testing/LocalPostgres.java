package org.tracehub.platform.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throw-away PostgreSQL server for tests, started from Debian's {@code postgresql} package
 * binaries (the README lists the package). PostgreSQL refuses to run as root, so under root the
 * server runs as the package's {@code postgres} user. {@code TRACEHUB_TEST_PG_URL} (with
 * {@code TRACEHUB_TEST_PG_USER}) points the tests at an existing server instead. {@link #start()} keeps
 * initdb's defaults (durable commits, 128 MB shared buffers), as the benchmark (bench/) needs them;
 * {@link #startForTests()} does not wait for the disk.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path dir;
    private final Path dataDir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final String externalUrl;

    private LocalPostgres(Path dir, Path bin, int port, boolean asPostgresUser, String externalUrl) {
        this.dir = dir;
        this.dataDir = dir == null ? null : dir.resolve("data");
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.externalUrl = externalUrl;
    }

    public static LocalPostgres start() throws IOException, InterruptedException {
        return start(List.of(), List.of());
    }

    /**
     * A server that never waits for the disk (no fsync, asynchronous commits): a test's server is thrown away with its
     * folder, and no test stops it uncleanly, so the syncs only cost time (on a shared CI disk, most of a migration's).
     * What a test sees of the database — transactions, locks, isolation, the log — is unchanged.
     */
    public static LocalPostgres startForTests() throws IOException, InterruptedException {
        return start(List.of("--no-sync"), List.of("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"));
    }

    private static LocalPostgres start(List<String> initdbOptions, List<String> serverOptions)
            throws IOException, InterruptedException {
        String external = System.getenv("TRACEHUB_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return new LocalPostgres(null, null, 0, false, external);
        }
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("tracehub-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path data = dir.resolve("data");
        int port = freePort();
        LocalPostgres pg = new LocalPostgres(dir, bin, port, root, null);
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "tracehub",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"));
        initdb.addAll(initdbOptions);
        pg.pg(initdb);
        String options = String.join(" ", serverOptions);
        pg.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1" + (options.isEmpty() ? "" : " " + options),
                "start"));
        return pg;
    }

    public String jdbcUrl() {
        return externalUrl != null ? externalUrl : "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return externalUrl != null ? System.getenv().getOrDefault("TRACEHUB_TEST_PG_USER", "tracehub") : "tracehub";
    }

    /**
     * The server's log file (pg_ctl's {@code -l}: every ERROR with its statement, as an admin's log collector would see
     * it); empty for a server this class did not start.
     */
    public Optional<Path> serverLog() {
        return dir == null ? Optional.empty() : Optional.of(dir.resolve("server.log"));
    }

    /** Stops the server and removes its folder: a benchmark's database can be gigabytes. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (externalUrl == null) {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(List<String> command, boolean quiet) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: "
                    + "install Debian's 'postgresql' package (see README prerequisites) or set TRACEHUB_TEST_PG_URL");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
