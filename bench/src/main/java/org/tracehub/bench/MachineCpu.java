package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU time from {@code /proc/stat} (user, nice, system, irq, softirq and steal of every
 * CPU), read when a measured JVM starts and when it ends: with PostgreSQL the server's processes do part of the
 * work and {@code time -v} of the JVM does not see them. On an otherwise idle machine the difference to the JVM's
 * own CPU time is the database server's.
 */
final class MachineCpu {

    /** {@code USER_HZ}: the unit of {@code /proc/stat} and {@code /proc/<pid>/stat}, 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private MachineCpu() {
    }

    static double busySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // cpu user nice system idle iowait irq softirq steal …
                busy += Long.parseLong(fields[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // not Linux: the column shows NaN instead of a wrong figure
        }
    }
}
