package org.tracehub.platform.trace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.operator.OperatorRegistry;
import org.tracehub.platform.product.ProductCatalog;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Writes loaded events into the central store. Idempotent by event id: loading the same event
 * again (a re-sent row, a retried chunk, a reprocessed batch) updates it in place, with its links
 * (inputs) and aliases (other identifiers of the same equipment), and keeps the operator and
 * product tables in step.
 */
@Repository
public class TraceEventStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OperatorRegistry operators;
    private final ProductCatalog products;

    @Autowired
    public TraceEventStore(JdbcClient jdbc, Clock clock, OperatorRegistry operators, ProductCatalog products) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.operators = operators;
        this.products = products;
    }

    public TraceEventStore(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, new OperatorRegistry(jdbc, clock), new ProductCatalog(jdbc, clock));
    }

    public void upsert(TraceEvent e, String batchId, int attempt) {
        String payload = StandardXml.toXml(e);
        Object[] values = {
            e.getTraceCode(), e.getCategory().name(), e.getStep().name(), e.getTime(),
            e.getOperator() == null ? null : e.getOperator().getUscc(),
            e.getOperator() == null ? null : e.getOperator().getName(),
            e.getOperator() == null || e.getOperator().getNodeType() == null ? null : e.getOperator().getNodeType().name(),
            e.getProduct() == null ? null : e.getProduct().getCode(),
            e.getProduct() == null ? null : e.getProduct().getName(),
            e.getQuantity() == null ? null : e.getQuantity().getValue(),
            e.getQuantity() == null ? null : e.getQuantity().getUnit(),
            e.getOrigin(),
            e.getProvenance().getSourceId(), batchId, attempt, e.getProvenance().getRow().longValue(),
            payload, OffsetDateTime.now(clock), e.getEventId()
        };
        // update-then-insert is portable across H2 and PostgreSQL; the primary key settles races
        int updated = jdbc.sql("UPDATE trace_event SET trace_code = ?, category = ?, step = ?, event_time = ?, operator_uscc = ?, "
                + "operator_name = ?, node_type = ?, product_code = ?, product_name = ?, quantity = ?, unit = ?, origin = ?, "
                + "source_id = ?, batch_id = ?, attempt = ?, row_no = ?, payload = ?, loaded_at = ? WHERE event_id = ?")
                .params(values).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO trace_event (trace_code, category, step, event_time, operator_uscc, operator_name, node_type, "
                    + "product_code, product_name, quantity, unit, origin, source_id, batch_id, attempt, row_no, payload, loaded_at, "
                    + "event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(values).update();
        }
        jdbc.sql("DELETE FROM trace_link WHERE event_id = ?").param(e.getEventId()).update();
        if (e.getInputs() != null) {
            for (String input : e.getInputs().getInput().stream().distinct().toList()) {
                jdbc.sql("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, ?, ?)")
                        .params(e.getEventId(), e.getTraceCode(), input).update();
            }
        }
        jdbc.sql("DELETE FROM trace_alias WHERE event_id = ?").param(e.getEventId()).update();
        for (String alias : EquipmentIdentifiers.aliasesOf(e)) {
            jdbc.sql("INSERT INTO trace_alias (event_id, alias, trace_code) VALUES (?, ?, ?)")
                    .params(e.getEventId(), alias, e.getTraceCode()).update();
        }
        operators.recordReporter(e.getOperator(), e.getTime());
        operators.recordCounterparty(e.getCounterparty());
        products.record(e.getProduct(), e.getCategory(), e.getTime());
    }

    /**
     * After an attempt is loaded, removes the batch's events that this attempt no longer produced,
     * so the store holds exactly the newest attempt's events. Call in the load's last transaction.
     */
    public int removeEventsOfOtherAttempts(String batchId, int attempt) {
        jdbc.sql("DELETE FROM trace_link WHERE event_id IN (SELECT event_id FROM trace_event WHERE batch_id = ? AND attempt <> ?)")
                .params(batchId, attempt).update();
        jdbc.sql("DELETE FROM trace_alias WHERE event_id IN (SELECT event_id FROM trace_event WHERE batch_id = ? AND attempt <> ?)")
                .params(batchId, attempt).update();
        return jdbc.sql("DELETE FROM trace_event WHERE batch_id = ? AND attempt <> ?").params(batchId, attempt).update();
    }

    public long countByBatch(String batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM trace_event WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }

    public List<String> eventIdsByBatch(String batchId) {
        return jdbc.sql("SELECT event_id FROM trace_event WHERE batch_id = ? ORDER BY row_no").param(batchId).query(String.class).list();
    }
}
