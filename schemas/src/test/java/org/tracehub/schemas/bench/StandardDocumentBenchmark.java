package org.tracehub.schemas.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.SchemaViolation;
import org.tracehub.schemas.xml.StandardDocumentReader;
import org.tracehub.schemas.xml.StandardDocumentValidator;
import org.tracehub.schemas.xml.StandardDocumentWriter;

/**
 * Writes a standard document of N events (default 1,000,000), reads it back and validates it
 * against the XSD, printing events/s and heap figures for each phase. Run with a small heap
 * ({@code -Xmx256m}) to show that memory stays flat: a million events held in memory would need
 * several gigabytes. Not a test; see the module README for the command.
 * <p>
 * Heap figures per phase: "peak used" is the highest heap occupancy including garbage not yet
 * collected (bounded by the young generation's size); "live after GC" is the largest heap left
 * after any collection during the phase — what the phase really keeps. Events per CPU-second of
 * the benchmark's thread says what the code costs when other processes share the machine.
 */
public final class StandardDocumentBenchmark {

    private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();
    private static long phaseCpuStart;

    private StandardDocumentBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("standard-benchmark-", ".xml");
        listenToCollections();
        System.out.printf("standard document benchmark: %,d events, max heap %,d MiB, Java %s%n",
                events, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

        startPhase();
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                StandardDocumentWriter writer = new StandardDocumentWriter(out, TestEvents.SOURCE_ID, "bench", TestEvents.NOW)) {
            for (long n = 1; n <= events; n++) {
                writer.write(TestEvents.meatWholesale((int) (n % 10_000_000)));
            }
        }
        report("write", events, start, String.format("%,d MiB file", Files.size(file) >> 20));

        startPhase();
        start = System.nanoTime();
        long read = 0;
        long kilograms = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                StandardDocumentReader reader = new StandardDocumentReader(in)) {
            while (reader.hasNext()) {
                TraceEvent event = reader.next();
                kilograms += event.getQuantity().getValue().longValue();
                read++;
            }
            if (reader.trailer().getEventCount().longValueExact() != events) {
                throw new IllegalStateException("trailer says " + reader.trailer().getEventCount());
            }
        }
        report("read", read, start, String.format("trailer count checked, %,d kg in total", kilograms));

        startPhase();
        start = System.nanoTime();
        List<SchemaViolation> violations;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            violations = new StandardDocumentValidator().validate(in);
        }
        report("validate", events, start, violations.size() + " XSD violations");

        if (args.length < 2) {
            Files.delete(file);
        }
    }

    private static void startPhase() {
        System.gc();
        LIVE_AFTER_GC.set(0);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        phaseCpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void report(String phase, long events, long startNanos, String note) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - phaseCpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%-9s %,10d events in %6.1f s = %,9.0f events/s (%,9.0f per CPU-second of this thread)"
                        + " | peak used %4d MiB | live after GC %4d MiB | %s%n",
                phase, events, seconds, events / seconds, events / cpuSeconds, peak >> 20, LIVE_AFTER_GC.get() >> 20, note);
    }

    /** Records the heap left after every collection, the measure of what a phase keeps alive. */
    private static void listenToCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                LIVE_AFTER_GC.accumulateAndGet(after, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeap(String poolName) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(poolName) && p.getType() == MemoryType.HEAP);
    }
}
