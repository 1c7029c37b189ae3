package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Enumeration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * Batches waiting for an import: the messages on {@code hub.batch.received} that no consumer has
 * taken yet, counted with a JMS queue browser whenever the gauge is read (works with the embedded and
 * an external broker alike). Counting stops at {@link #CAP}; NaN when the broker cannot be reached.
 */
@Component
public class QueueDepthGauge {

    static final int CAP = 100_000;

    private static final Logger log = LoggerFactory.getLogger(QueueDepthGauge.class);

    private final JmsTemplate jms;

    public QueueDepthGauge(JmsTemplate jms, MeterRegistry registry) {
        this.jms = jms;
        Gauge.builder(HubMetrics.QUEUE_DEPTH, this, QueueDepthGauge::receivedQueueDepth)
                .description("Messages waiting on a hub queue")
                .tag(HubMetrics.TAG_QUEUE, BatchMessaging.BATCH_RECEIVED_QUEUE)
                .register(registry);
    }

    double receivedQueueDepth() {
        try {
            Integer depth = jms.browse(BatchMessaging.BATCH_RECEIVED_QUEUE, (session, browser) -> {
                int n = 0;
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && n < CAP; e.nextElement()) {
                    n++;
                }
                return n;
            });
            return depth == null ? Double.NaN : depth;
        } catch (RuntimeException e) {
            log.debug("queue depth of {} not readable", BatchMessaging.BATCH_RECEIVED_QUEUE, e);
            return Double.NaN;
        }
    }
}
