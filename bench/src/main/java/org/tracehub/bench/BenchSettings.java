package org.tracehub.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The harness's parameters: system properties {@code -Dbench.<name>} (bench/README.md lists them),
 * each with a default that runs the whole issue-#9 set.
 */
record BenchSettings(
        int runs,
        int childRuns,
        long rows,
        List<Long> sizes,
        List<String> cases,
        List<String> jvmFlags,
        String java,
        Path work,
        Path hubJar,
        String classPath,
        String user,
        String password,
        int port,
        int sftpPort,
        Path results,
        int floorBatch,
        int chunkSize,
        int latencyFiles,
        int latencyRows,
        long warmupRows,
        List<String> hubArgs,
        long timeoutMinutes,
        boolean threadCpu,
        long fleet) {

    static final List<String> ALL_CASES = List.of("floor", "store-floor", "batch", "hub-csv", "hub-xlsx", "hub-xml", "scaling", "latency");

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.parseInt(get("runs", "3")),
                Integer.parseInt(get("child-runs", get("runs", "3"))),
                Long.parseLong(get("rows", "1000000")),
                Arrays.stream(get("sizes", "100000,1000000,5000000").split(",")).map(String::trim).map(Long::parseLong).toList(),
                Arrays.stream(get("cases", String.join(",", ALL_CASES)).split(",")).map(String::trim).toList(),
                words(get("jvm-flags", defaultJvmFlags())),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of(get("work", "bench/target/bench")).toAbsolutePath(),
                Path.of(get("hub-jar", "hub/target/trace-hub.jar")).toAbsolutePath(),
                absolute(System.getProperty("java.class.path")),
                get("user", "admin"),
                get("password", "admin-demo-2026"),
                Integer.parseInt(get("port", "18080")),
                Integer.parseInt(get("sftp-port", "12222")),
                Path.of(get("results", BenchDatabase.postgres() ? "bench/RESULTS-postgresql.md" : "bench/RESULTS.md")).toAbsolutePath(),
                Integer.parseInt(get("floor-batch", "1000")),
                Integer.parseInt(get("chunk-size", "1000")),
                Integer.parseInt(get("latency-files", "20")),
                Integer.parseInt(get("latency-rows", "1000")),
                Long.parseLong(get("warmup-rows", "20000")),
                words(get("hub-args", "")),
                Long.parseLong(get("timeout-minutes", "90")),
                Boolean.parseBoolean(get("thread-cpu", "false")),
                Long.parseLong(get("fleet", "0")));
    }

    /**
     * The heap target, and the collector the root README gives for it: on H2 the parallel collector (finding 23:
     * about a quarter more rows/s than G1, whose marking H2's write buffers keep restarting); on PostgreSQL G1, the
     * JVM's default, measured as good or better there.
     */
    static String defaultJvmFlags() {
        return BenchDatabase.postgres() ? "-Xmx256m" : "-Xmx256m -XX:+UseParallelGC";
    }

    private static String get(String name, String fallback) {
        return System.getProperty("bench." + name, fallback);
    }

    /** Children run in their own folders: their class path must not be relative. */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    boolean runs(String benchCase) {
        return cases.contains(benchCase);
    }
}
