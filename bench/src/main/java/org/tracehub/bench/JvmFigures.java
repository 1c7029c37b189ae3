package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the standard tools recorded about one JVM: the peak heap from its {@code -Xlog:gc} log (the
 * largest occupancy before a collection, and the largest after one), and the peak
 * resident set size and the CPU time (user + system, every thread, start-up and warm-up included) from
 * {@code /usr/bin/time -v}. With G1 the occupancy after a young collection still holds the old generation's
 * garbage: an upper bound of the live set, not the live set. The CPU time tells a machine-bound case (both
 * cores busy) from one that waits; the machine's CPU time over the same span adds what other processes — the
 * PostgreSQL server — did for it.
 */
record JvmFigures(double peakHeapMb, double liveHeapMb, double peakRssMb, int collections, double cpuSeconds, double machineCpuSeconds) {

    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern CPU = Pattern.compile("(?:User|System) time \\(seconds\\): ([0-9.]+)");

    static JvmFigures read(Path gcLog, Path timeOutput) throws IOException {
        double before = 0;
        double after = 0;
        int collections = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    collections++;
                    before = Math.max(before, mb(m.group(1), m.group(2)));
                    after = Math.max(after, mb(m.group(3), m.group(4)));
                }
            }
        }
        double rss = 0;
        double cpu = 0;
        if (Files.exists(timeOutput)) {
            String time = Files.readString(timeOutput);
            Matcher m = RSS.matcher(time);
            if (m.find()) {
                rss = Long.parseLong(m.group(1)) / 1024.0;
            }
            Matcher c = CPU.matcher(time);
            while (c.find()) {
                cpu += Double.parseDouble(c.group(1));
            }
        }
        return new JvmFigures(before, after, rss, collections, cpu, 0);
    }

    /** With the machine's busy CPU time while the JVM ran ({@link MachineCpu}). */
    JvmFigures withMachineCpu(double seconds) {
        return new JvmFigures(peakHeapMb, liveHeapMb, peakRssMb, collections, cpuSeconds, seconds);
    }

    static JvmFigures max(List<JvmFigures> runs) {
        return new JvmFigures(runs.stream().mapToDouble(JvmFigures::peakHeapMb).max().orElse(0),
                runs.stream().mapToDouble(JvmFigures::liveHeapMb).max().orElse(0),
                runs.stream().mapToDouble(JvmFigures::peakRssMb).max().orElse(0),
                runs.stream().mapToInt(JvmFigures::collections).max().orElse(0),
                runs.stream().mapToDouble(JvmFigures::cpuSeconds).max().orElse(0),
                runs.stream().mapToDouble(JvmFigures::machineCpuSeconds).max().orElse(0));
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
