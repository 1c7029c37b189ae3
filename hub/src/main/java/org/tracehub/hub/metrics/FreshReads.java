package org.tracehub.hub.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What several gauges of one key read from the database, read once and kept for a while: a scrape reads every gauge,
 * and one query serves all of a key's. Empty (the gauges NaN) while the reader cannot read.
 */
final class FreshReads<V> {

    private record Read<V>(long at, Optional<V> value) {
    }

    private final long freshNanos;
    private final LongSupplier nanoTime;
    private final Function<String, Optional<V>> reader;
    private final Map<String, Read<V>> reads = new ConcurrentHashMap<>();

    /**
     * @param freshNanos how long a read serves
     * @param reader     reads a key's value; it handles its own failures (empty)
     */
    FreshReads(long freshNanos, LongSupplier nanoTime, Function<String, Optional<V>> reader) {
        this.freshNanos = freshNanos;
        this.nanoTime = nanoTime;
        this.reader = reader;
    }

    Optional<V> get(String key) {
        long now = nanoTime.getAsLong();
        Read<V> read = reads.get(key);
        if (read == null || now - read.at() > freshNanos) {
            read = new Read<>(now, reader.apply(key));
            reads.put(key, read);
        }
        return read.value();
    }
}
