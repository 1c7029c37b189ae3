package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorAdviceTest {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation", "G1 Concurrent GC");
    private static final List<String> PARALLEL = List.of("PS MarkSweep", "PS Scavenge");
    private static final String H2 = "jdbc:h2:file:./data/db/tracehub;DB_CLOSE_ON_EXIT=FALSE";
    private static final long MB = 1L << 20;

    @Test
    void h2UnderG1WithASmallHeapIsAdvisedTheParallelCollector() {
        assertThat(CollectorAdvice.advice(H2, G1, 256 * MB))
                .hasValueSatisfying(advice -> assertThat(advice).contains("-XX:+UseParallelGC").contains("256 MB"));
    }

    @Test
    void theParallelCollectorAlreadyInUseGetsNoAdvice() {
        assertThat(CollectorAdvice.advice(H2, PARALLEL, 256 * MB)).isEmpty();
    }

    @Test
    void postgresqlUnderG1GetsNoAdviceBecauseG1MeasuredAsGoodThere() {
        assertThat(CollectorAdvice.advice("jdbc:postgresql://db/tracehub", G1, 256 * MB)).isEmpty();
    }

    @Test
    void aHeapLargerThanTheSmallHeapLimitGetsNoAdvice() {
        assertThat(CollectorAdvice.advice(H2, G1, CollectorAdvice.SMALL_HEAP_BYTES)).isPresent();
        assertThat(CollectorAdvice.advice(H2, G1, CollectorAdvice.SMALL_HEAP_BYTES + MB)).isEmpty();
    }
}
