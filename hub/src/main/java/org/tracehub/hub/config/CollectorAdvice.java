package org.tracehub.hub.config;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the admin at start-up when the hub runs on H2 under G1 with a small heap: there G1 keeps restarting its
 * concurrent marking for H2's multi-megabyte write buffers, and the parallel collector loads about a quarter
 * faster with a third less CPU (bench/README.md, finding 23; README, "JVM flags"). Flags belong to whoever starts
 * the JVM, so the hub can only say so — once, in the log, where a nightly run's slowness would be looked into.
 */
@Component
public class CollectorAdvice {

    /** Measured at 256 MB; up to twice that the heap is as small for H2's buffers, which scale with it. */
    static final long SMALL_HEAP_BYTES = 512L << 20;

    private static final Logger log = LoggerFactory.getLogger(CollectorAdvice.class);

    private final String jdbcUrl;

    public CollectorAdvice(@Value("${spring.datasource.url:}") String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void adviseOnce() {
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        advice(jdbcUrl, collectors, Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
    }

    /** The advice for this database, these collectors (their MX bean names) and this maximum heap, if any. */
    static Optional<String> advice(String jdbcUrl, List<String> collectorNames, long maxHeapBytes) {
        boolean h2 = jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:");
        boolean g1 = collectorNames.stream().anyMatch(name -> name.startsWith("G1 "));
        if (!h2 || !g1 || maxHeapBytes > SMALL_HEAP_BYTES) {
            return Optional.empty();
        }
        return Optional.of(("The store is H2 and the collector G1 with a heap of %d MB: start the hub with "
                + "-XX:+UseParallelGC for about a quarter more rows per second in large loads (README, \"JVM flags\")")
                .formatted(maxHeapBytes >> 20));
    }
}
