package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.tracehub.hub.broker.BrokerQueues;

/**
 * {@code tracehub_queue_depth} {queue}: messages waiting on each of {@link BrokerQueues#WATCHED} — batches waiting for
 * an import ({@code hub.batch.received}), pulls asked for ({@code hub.pull.requested}), and what the broker gave up on
 * ({@code DLQ}, {@code ExpiryQueue}: above zero, something was never processed). Counted whenever the gauge is read,
 * up to {@link BrokerQueues#CAP}; NaN when the broker cannot be reached.
 */
@Component
public class QueueDepthGauge {

    public QueueDepthGauge(BrokerQueues queues, MeterRegistry registry) {
        for (String queue : BrokerQueues.WATCHED) {
            Gauge.builder(HubMetrics.QUEUE_DEPTH, queues, q -> depth(q, queue))
                    .description("Messages waiting on a queue of the hub's broker (DLQ: messages no consumer could process)")
                    .tag(HubMetrics.TAG_QUEUE, queue)
                    .register(registry);
        }
    }

    private static double depth(BrokerQueues queues, String queue) {
        var depth = queues.depth(queue);
        return depth.isPresent() ? depth.getAsInt() : Double.NaN;
    }
}
