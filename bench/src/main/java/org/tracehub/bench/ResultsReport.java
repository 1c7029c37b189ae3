package org.tracehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The table, printed and written to bench/RESULTS.md with the date and the machine it ran on. */
final class ResultsReport {

    private ResultsReport() {
    }

    static String table(List<ResultRow> rows) {
        double floor = rows.stream().filter(r -> r.benchCase().startsWith("1 ")).mapToDouble(ResultRow::rowsPerSecond).findFirst().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append("| case | rows | rows/s | ratio to floor | peak heap MB | heap after GC MB | peak RSS MB | CPU s | machine CPU s | runs | load avg 1/5/15 (end) | note |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (ResultRow r : rows) {
            sb.append(String.format("| %s | %,d | %s | %s | %.0f | %.0f | %.0f | %,.0f | %,.0f | %d | %s | %s |%n", r.benchCase(), r.rows(),
                    r.rowsPerSecond() > 0 ? String.format("%,.0f", r.rowsPerSecond()) : "—",
                    floor > 0 && r.rowsPerSecond() > 0 ? String.format("%.2f", r.rowsPerSecond() / floor) : "—",
                    r.jvm().peakHeapMb(), r.jvm().liveHeapMb(), r.jvm().peakRssMb(), r.jvm().cpuSeconds(), r.jvm().machineCpuSeconds(), r.runs(),
                    r.load(), r.note()));
        }
        return sb.toString();
    }

    static void write(Path file, BenchSettings settings, String database, String startLoad, List<ResultRow> rows, List<String> notes)
            throws IOException {
        StringBuilder sb = new StringBuilder("# Benchmark results\n\n");
        sb.append("Written by `bench/run.sh` (see bench/README.md); every run overwrites this file.\n\n");
        sb.append("- date: ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        sb.append("- machine: ").append(command("nproc").trim()).append(" CPUs (`nproc`), ").append(cpuModel()).append(", ")
                .append(memory()).append(" RAM\n");
        sb.append("- java: ").append(command(settings.java(), "-version").trim().replace("\n", " / ")).append('\n');
        sb.append("- database (every case): ").append(database).append('\n');
        sb.append("- JVM flags (every case): `").append(String.join(" ", settings.jvmFlags())).append("` plus `-Xlog:gc:file=…`\n");
        sb.append("- runs per figure: ").append(settings.childRuns()).append(" for cases 1, 1b and 2, ").append(settings.runs())
                .append(" for the hub (median rows/s; heap, RSS and CPU: the largest of the runs), each after a warm-up; see the runs column\n");
        sb.append("- load average at start (`uptime`): ").append(startLoad).append('\n');
        sb.append("- load average at end (`uptime`): ").append(loadAverage()).append("\n\n");
        sb.append(table(rows)).append('\n');
        sb.append("Peak heap: the largest heap occupancy before a collection in the JVM's `-Xlog:gc` log; heap after GC: the largest "
                + "occupancy after one (with G1 an upper bound of the live set: young collections leave the old generation's "
                + "garbage in place); peak RSS: `/usr/bin/time -v`'s maximum resident set size of the whole process; CPU s: its user + "
                + "system time, every thread of the JVM, start-up and warm-up included (two busy cores give twice the wall time); machine CPU s: "
                + "the busy time of every CPU (`/proc/stat`) while that JVM ran, so with PostgreSQL the server's work as well.\n");
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** What every case wrote to: the configuration the figures hold for. */
    static String database() {
        if (!BenchDatabase.postgres()) {
            return "H2 file database, the hub's embedded default (`jdbc:h2:file:…" + BenchDatabase.HUB_H2_SETTINGS
                    + System.getProperty("bench.h2-settings", "") + "`)";
        }
        String version = "PostgreSQL";
        try (var c = DriverManager.getConnection(System.getProperty(BenchDatabase.PG_URL), BenchDatabase.user(), "");
             var r = c.createStatement().executeQuery("SHOW server_version")) {
            version += r.next() ? " " + r.getString(1) : "";
        } catch (SQLException e) {
            version += " (version not read: " + e.getMessage() + ")";
        }
        return version + ", a throw-away server on loopback with initdb's defaults (durable commits, 128 MB shared buffers), "
                + "a database per run, `reWriteBatchedInserts=true`; the server's processes count only in machine CPU s";
    }

    static String loadAverage() {
        String uptime = command("uptime");
        int i = uptime.indexOf("load average:");
        return i < 0 ? uptime.trim() : uptime.substring(i + "load average:".length()).trim();
    }

    private static String cpuModel() {
        for (String line : command("lscpu").split("\n")) {
            if (line.startsWith("Model name:")) {
                return line.substring("Model name:".length()).trim();
            }
        }
        return "unknown CPU";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
        return "unknown";
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(" + String.join(" ", command) + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
