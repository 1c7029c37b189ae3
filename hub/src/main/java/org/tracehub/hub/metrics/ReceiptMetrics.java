package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.routes.receipt.ReceiptDelivery;

/**
 * {@code tracehub_receipts_undelivered} {source}: the receipts overdue for the outbox (the redelivery sweep's, from
 * {@code hub.routes.receipt-redelivery-after} to {@code -lookback}). A source whose outbox cannot be written fails each
 * of its receipts for a week, told at ERROR once a day; nothing counted them, so a sender went without receipts unseen.
 * One query serves every source's gauge per scrape; NaN while the database cannot be read. A gauge for each source the
 * catalogue knows when the hub starts.
 */
@Component
public class ReceiptMetrics {

    public static final String UNDELIVERED = "tracehub.receipts.undelivered";

    private static final Logger log = LoggerFactory.getLogger(ReceiptMetrics.class);
    private static final String ALL = "all";

    private final ReceiptDelivery delivery;
    private final FreshReads<Map<String, Long>> counts;

    public ReceiptMetrics(ReceiptDelivery delivery, SpecCatalog catalog, MeterRegistry registry) {
        this.delivery = delivery;
        this.counts = new FreshReads<>(PullMetrics.FRESH_NANOS, System::nanoTime, key -> read());
        for (String source : new TreeSet<>(catalog.all().stream().map(MappingSpec::source).toList())) {
            Gauge.builder(UNDELIVERED, this, metrics -> metrics.counts.get(ALL).map(c -> (double) c.getOrDefault(source, 0L))
                            .orElse(Double.NaN))
                    .description("Receipts of the source not in its outbox although overdue; the redelivery sweep keeps trying them")
                    .tag(HubMetrics.TAG_SOURCE, source).register(registry);
        }
    }

    private Optional<Map<String, Long>> read() {
        try {
            return Optional.of(delivery.overdueBySource());
        } catch (RuntimeException e) {
            log.debug("overdue receipts not readable", e);
            return Optional.empty();
        }
    }
}
