package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ReadAheadTest {

    @Test
    void itemsComeOutInTheOrderTheyWereProducedUpToTheLast() {
        AtomicInteger n = new AtomicInteger();
        try (ReadAhead<Integer> ahead = new ReadAhead<>("test-read-ahead", 3, n::incrementAndGet, i -> i == 10)) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(ahead.next());
            }
            assertThat(items).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
        assertThat(n).as("nothing produced after the last item").hasValue(10);
    }

    @Test
    void aFailureOfTheProducerIsThrownWhereItsItemWouldHaveBeenAfterTheItemsBeforeIt() {
        AtomicInteger n = new AtomicInteger();
        IllegalArgumentException badRow = new IllegalArgumentException("row 4: not a number");
        try (ReadAhead<Integer> ahead = new ReadAhead<>("test-read-ahead", 2, () -> {
            if (n.incrementAndGet() == 4) {
                throw badRow;
            }
            return n.get();
        }, i -> false)) {
            assertThat(List.of(ahead.next(), ahead.next(), ahead.next())).containsExactly(1, 2, 3);
            assertThatThrownBy(ahead::next).isSameAs(badRow);
        }
    }

    @Test
    void aCheckedFailureIsThrownWrappedWithItsCause() {
        IOException unreadable = new IOException("disk gone");
        try (ReadAhead<Integer> ahead = new ReadAhead<>("test-read-ahead", 2, () -> {
            throw unreadable;
        }, i -> false)) {
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalStateException.class).hasCause(unreadable);
        }
    }

    @Test
    void theProducerLogsUnderTheBatchOfItsConsumer() {
        MDC.put("batchId", "20261129-0123456789");
        try (ReadAhead<String> ahead = new ReadAhead<>("test-read-ahead", 1, () -> MDC.get("batchId"), s -> true)) {
            assertThat(ahead.next()).isEqualTo("20261129-0123456789");
        } finally {
            MDC.remove("batchId");
        }
    }

    @Test
    void closingStopsAProducerThatWaitsForRoomBeforeItReturns() throws Exception {
        CountDownLatch queueFull = new CountDownLatch(3); // two queued, the third waiting for room
        AtomicInteger produced = new AtomicInteger();
        ReadAhead<Integer> ahead = new ReadAhead<>("test-read-ahead", 2, () -> {
            queueFull.countDown();
            return produced.incrementAndGet();
        }, i -> false);
        assertThat(queueFull.await(10, TimeUnit.SECONDS)).isTrue();

        ahead.close();

        assertThat(Thread.getAllStackTraces().keySet()).as("the producer has ended")
                .noneMatch(t -> t.getName().equals("test-read-ahead") && t.isAlive());
        assertThat(produced).as("it stopped at the item it was waiting to queue").hasValue(3);
    }
}
