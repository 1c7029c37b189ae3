package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a hub run's time went, from a JFR recording of it (bench/README.md, "Profiling a run"): the
 * garbage collector's pauses and CPU, the CPU samples per thread, and for one thread the share of its CPU
 * samples and of its allocation whose stack passes through each of the given frames, and what it waited
 * on. {@code jfr print} shows single events; this answers "how much of the load is the commit" in one table.
 * <p>{@code JfrProfile RECORDING THREAD FRAME[,FRAME…]} — {@code THREAD} a part of the thread's name (the
 * import job runs on {@code JmsListenerEndpointContainer}), each {@code FRAME} a part of
 * {@code class.method} (e.g. {@code TransactionStore.commit,StagedEventXml,Value.cache}).
 */
public final class JfrProfile {

    private static final int TOP = 12;

    private final Map<String, Integer> samplesByThread = new HashMap<>();
    private final Map<String, Integer> samplesByFrame = new HashMap<>();
    private final Map<String, Long> allocationByFrame = new HashMap<>();
    private final Map<String, Duration> waits = new HashMap<>();
    private int threadSamples;
    private long threadAllocation;
    private Duration gcPauses = Duration.ZERO;
    private Duration gcConcurrent = Duration.ZERO;
    private long gcCpuNanos;

    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: JfrProfile RECORDING THREAD FRAME[,FRAME...]");
            System.exit(2);
        }
        List<String> frames = List.of(args[2].split(","));
        JfrProfile profile = new JfrProfile();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            profile.add(e, args[1], frames);
        }
        profile.print(args[1], frames);
    }

    private void add(RecordedEvent e, String thread, List<String> frames) {
        switch (e.getEventType().getName()) {
            case "jdk.GCPhasePause" -> gcPauses = gcPauses.plus(e.getDuration());
            case "jdk.GCPhaseConcurrent" -> gcConcurrent = gcConcurrent.plus(e.getDuration());
            case "jdk.GCCPUTime" -> gcCpuNanos += e.getLong("userTime") + e.getLong("systemTime");
            case "jdk.ExecutionSample" -> {
                String name = nameOf(e.getThread("sampledThread"));
                samplesByThread.merge(name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
                if (name.contains(thread)) {
                    threadSamples++;
                    passingThrough(e.getStackTrace(), frames).forEach(f -> samplesByFrame.merge(f, 1, Integer::sum));
                }
            }
            case "jdk.ObjectAllocationSample" -> {
                if (nameOf(e.getThread("eventThread")).contains(thread)) {
                    long weight = e.getLong("weight");
                    threadAllocation += weight;
                    passingThrough(e.getStackTrace(), frames).forEach(f -> allocationByFrame.merge(f, weight, Long::sum));
                }
            }
            case "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter" -> {
                if (nameOf(e.getThread("eventThread")).contains(thread)) {
                    waits.merge(e.getEventType().getName().substring(4) + " in " + firstOwnFrame(e.getStackTrace()), e.getDuration(), Duration::plus);
                }
            }
            default -> {
            }
        }
    }

    private static String nameOf(RecordedThread t) {
        return t == null || t.getJavaName() == null ? "?" : t.getJavaName();
    }

    private static Set<String> passingThrough(RecordedStackTrace stack, List<String> frames) {
        Set<String> hit = new HashSet<>();
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String method = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                frames.stream().filter(method::contains).forEach(hit::add);
            }
        }
        return hit;
    }

    /** The first frame outside the JDK: who waited, rather than which lock class. */
    private static String firstOwnFrame(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String type = f.getMethod().getType().getName();
                if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                }
            }
        }
        return "?";
    }

    private void print(String thread, List<String> frames) {
        System.out.printf("GC: pauses %.1f s, GC threads' CPU %.1f s, concurrent phases %.1f s%n",
                gcPauses.toMillis() / 1000.0, gcCpuNanos / 1e9, gcConcurrent.toMillis() / 1000.0);
        System.out.println("\nCPU samples per thread:");
        samplesByThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(x -> System.out.printf("%8d  %s%n", x.getValue(), x.getKey()));
        System.out.printf("%nthread ~ \"%s\": %d CPU samples, %,d MB allocated%n", thread, threadSamples, threadAllocation / 1_000_000);
        System.out.println("| frame on the stack | CPU samples | share | allocated MB | share |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String f : frames) {
            int s = samplesByFrame.getOrDefault(f, 0);
            long a = allocationByFrame.getOrDefault(f, 0L);
            System.out.printf("| %s | %d | %.0f %% | %,d | %.0f %% |%n", f, s, percent(s, threadSamples), a / 1_000_000, percent(a, threadAllocation));
        }
        System.out.println("\nwaits (park and monitor events over the recording's thresholds):");
        waits.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(TOP)
                .forEach(x -> System.out.printf("%8.1f s  %s%n", x.getValue().toMillis() / 1000.0, x.getKey()));
    }

    private static double percent(double part, double whole) {
        return whole == 0 ? 0 : 100 * part / whole;
    }
}
