package org.tracehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of every thread of the hub's JVM and of every PostgreSQL server process, read from {@code /proc}
 * once a second while the hub runs, and cut afterwards into the measured batch's steps (their times from the hub's
 * log): which thread — the import thread, the convert read-ahead, the load's parse thread, the JIT compilers, the
 * collector, the database server — used how much of the machine in each step, and how much of the machine was idle.
 * {@code time -v} gives the JVM's total and JFR samples only threads running Java code; this is the one view of the
 * compiler threads, the server and the idle share per step. On with {@code -Dbench.thread-cpu=true}.
 */
final class ThreadCpu implements AutoCloseable {

    private static final Pattern STEP = Pattern.compile(
            "^(\\S+)\\s.*\\[batch=(\\S+) .*Step: \\[(\\w+)] executed in (?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int TOP_GROUPS = 12;
    /** Sampled once a second, a window's figures are good to about a second of each thread's CPU at either end. */
    static final double SHORTEST_WINDOW_SECONDS = 5;

    private final long pid;
    private final boolean withServer;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Thread sampler;
    private final Object lock = new Object();
    /** Wall-clock millis of each sample. */
    private long[] times = new long[1024];
    /** Per thread or process ("J 1234 name" / "P 567 group"): its CPU ticks at each sample, -1 where it did not exist. */
    private final Map<String, long[]> series = new HashMap<>();
    private int samples;
    private volatile boolean running = true;

    private ThreadCpu(long pid, boolean withServer) {
        this.pid = pid;
        this.withServer = withServer;
        this.sampler = new Thread(this::run, "thread-cpu-sampler");
        sampler.setDaemon(true);
    }

    /**
     * Starts sampling the JVM {@code pid} once a second, and with {@code withServer} every PostgreSQL process of the
     * machine (the bench's throw-away server's, and any other's).
     */
    static ThreadCpu start(long pid, boolean withServer) {
        ThreadCpu cpu = new ThreadCpu(pid, withServer);
        cpu.sampler.start();
        return cpu;
    }

    private void run() {
        while (running) {
            long started = System.currentTimeMillis();
            Map<String, Long> now = read();
            synchronized (lock) {
                if (samples == times.length) {
                    times = Arrays.copyOf(times, samples * 2);
                    series.replaceAll((k, v) -> Arrays.copyOf(v, samples * 2));
                }
                times[samples] = started;
                for (Map.Entry<String, Long> e : now.entrySet()) {
                    series.computeIfAbsent(e.getKey(), k -> {
                        long[] s = new long[times.length];
                        Arrays.fill(s, -1);
                        return s;
                    })[samples] = e.getValue();
                }
                samples++;
            }
            try {
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - started)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                Stat s = Stat.of(task.resolve("stat"));
                if (s != null) {
                    ticks.put("J " + task.getFileName() + " " + DIGITS.matcher(s.name).replaceAll("#"), s.ticks);
                }
            }
        } catch (IOException ended) {
            // the JVM has exited: nothing more to read
        }
        if (!withServer) {
            return ticks;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                String group = postgresGroup(proc);
                Stat s = group == null ? null : Stat.of(proc.resolve("stat"));
                if (s != null) {
                    ticks.put("P " + proc.getFileName() + " " + group, s.ticks);
                }
            }
        } catch (IOException ignored) {
            // /proc unreadable: no server figures
        }
        return ticks;
    }

    /** "postgres backend" for a connection, "postgres walwriter" … for the server's own processes, null for others. */
    private static String postgresGroup(Path proc) {
        String cmd;
        try {
            cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException gone) {
            return null;
        }
        if (cmd.startsWith("postgres: ")) {
            String[] words = cmd.substring("postgres: ".length()).split("\\s+");
            // a backend shows "user database host(port) state"; the server's own processes their role
            return words.length >= 3 && words[2].contains("(") ? "postgres backend" : "postgres " + words[0];
        }
        return cmd.contains("/bin/postgres ") ? "postgres postmaster" : null;
    }

    private record Stat(String name, long ticks) {
        static Stat of(Path stat) {
            try {
                String s = Files.readString(stat);
                int open = s.indexOf('(');
                int close = s.lastIndexOf(')');
                String[] f = s.substring(close + 2).split(" ");
                // after "pid (comm) ": state is field 0, utime field 11, stime field 12
                return new Stat(s.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (IOException | RuntimeException gone) {
                return null;
            }
        }
    }

    /** A stretch of wall time to report on. */
    record Window(String name, Instant start, Instant end) {
        double seconds() {
            return Duration.between(start, end).toMillis() / 1000.0;
        }
    }

    /** The steps of {@code batchId} as the hub logged them: Spring Batch's "Step: [x] executed in …" at each step's end. */
    static List<Window> steps(Path hubLog, String batchId) throws IOException {
        List<Window> steps = new ArrayList<>();
        for (String line : Files.readAllLines(hubLog, StandardCharsets.UTF_8)) {
            Matcher m = STEP.matcher(line);
            if (m.find() && m.group(2).equals(batchId)) {
                Instant end = Instant.parse(m.group(1));
                Duration took = Duration.ofHours(part(m, 4)).plusMinutes(part(m, 5)).plusSeconds(part(m, 6)).plusMillis(part(m, 7));
                steps.add(new Window(m.group(3), end.minus(took), end));
            }
        }
        return steps;
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /**
     * CPU seconds per group of threads (names with their digits as {@code #}) in each window: the largest groups, the
     * rest, the JVM's and the server's totals, and the machine's idle core-seconds.
     */
    String report(List<Window> windows) {
        List<Map<String, Double>> perWindow = new ArrayList<>();
        Map<String, Double> overall = new HashMap<>();
        synchronized (lock) {
            for (Window w : windows) {
                Map<String, Double> groups = new HashMap<>();
                int from = lastAtOrBefore(w.start().toEpochMilli());
                int to = lastAtOrBefore(w.end().toEpochMilli());
                for (Map.Entry<String, long[]> e : series.entrySet()) {
                    double used = used(e.getValue(), from, to);
                    if (used > 0) {
                        String key = e.getKey();
                        String group = key.charAt(0) + " " + key.substring(key.indexOf(' ', 2) + 1);
                        groups.merge(group, used, Double::sum);
                        overall.merge(group, used, Double::sum);
                    }
                }
                perWindow.add(groups);
            }
        }
        List<String> top = overall.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(TOP_GROUPS).map(Map.Entry::getKey).toList();
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (String g : top) {
            rows.put(label(g), new double[windows.size()]);
        }
        double[] otherJvm = new double[windows.size()];
        double[] otherServer = new double[windows.size()];
        double[] jvm = new double[windows.size()];
        double[] server = new double[windows.size()];
        double[] idle = new double[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            for (Map.Entry<String, Double> e : perWindow.get(i).entrySet()) {
                boolean isJvm = e.getKey().startsWith("J");
                (isJvm ? jvm : server)[i] += e.getValue();
                if (top.contains(e.getKey())) {
                    rows.get(label(e.getKey()))[i] += e.getValue();
                } else {
                    (isJvm ? otherJvm : otherServer)[i] += e.getValue();
                }
            }
            idle[i] = Math.max(0, windows.get(i).seconds() * cores - jvm[i] - server[i]);
        }
        rows.put("other JVM threads", otherJvm);
        rows.put("other server processes", otherServer);
        rows.put("**JVM**", jvm);
        rows.put("**database server**", server);
        rows.put("idle (" + cores + " cores; other processes of the machine count as idle)", idle);
        StringBuilder out = new StringBuilder("| CPU s | ");
        windows.forEach(w -> out.append(String.format("%s (%.1f s) | ", w.name(), w.seconds())));
        out.append("\n|---|");
        windows.forEach(w -> out.append("---:|"));
        out.append('\n');
        rows.forEach((name, values) -> {
            out.append("| ").append(name).append(" | ");
            for (double v : values) {
                out.append(String.format("%.1f | ", v));
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static String label(String group) {
        return (group.startsWith("J") ? "thread " : "") + group.substring(2);
    }

    private int lastAtOrBefore(long millis) {
        int i = samples - 1;
        while (i >= 0 && times[i] > millis) {
            i--;
        }
        return i;
    }

    /** Ticks used between samples {@code from} and {@code to}; a thread born after {@code from} started at zero. */
    private static double used(long[] ticks, int from, int to) {
        long end = -1;
        for (int i = to; i > from && end < 0; i--) {
            end = ticks[i]; // a thread that ended before "to" counts up to its last sample
        }
        if (end < 0) {
            return 0;
        }
        long start = from >= 0 && ticks[from] >= 0 ? ticks[from] : 0;
        return (end - start) / MachineCpu.TICKS_PER_SECOND;
    }

    /** Stops sampling. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
    }

    /** For the report's window over the whole file: the wall-clock time of a {@link System#nanoTime()} reading. */
    static Instant wallClockOf(long nanoTime) {
        return Instant.now().minusNanos(System.nanoTime() - nanoTime);
    }

    /** Windows in order: each step, then the whole file. */
    static List<Window> windows(List<Window> steps, Window whole) {
        List<Window> all = new ArrayList<>(steps);
        all.add(whole);
        return all;
    }
}
