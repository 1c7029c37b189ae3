package org.tracehub.platform.trace;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lots a batch loaded, for its label sheet: one per trace code, in file order. */
@Repository
public class BatchLotQuery {

    private final JdbcClient jdbc;

    public BatchLotQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A loaded lot: its trace code and what it is. */
    public record Lot(String traceCode, String productName, String category) {
    }

    /** Served by {@code trace_event(batch_id)}; only loaded (accepted) events have rows. */
    public List<Lot> lotsOf(String batchId) {
        return lotsOf(batchId, 0, Integer.MAX_VALUE);
    }

    /** One page of {@link #lotsOf(String)}: a batch of a million rows has as many lots, which no sheet holds at once. */
    public List<Lot> lotsOf(String batchId, int offset, int limit) {
        return jdbc.sql("SELECT trace_code, MAX(product_name) AS product_name, MAX(category) AS category, MIN(row_no) AS first_row "
                        + "FROM trace_event WHERE batch_id = :batch GROUP BY trace_code ORDER BY first_row, trace_code "
                        + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("batch", batchId).param("offset", offset).param("limit", limit)
                .query((rs, i) -> new Lot(rs.getString("trace_code"), PersonalDataMask.mask(rs.getString("product_name")),
                        rs.getString("category")))
                .list();
    }

    /** How many lots the batch loaded. */
    public long countLots(String batchId) {
        return jdbc.sql("SELECT COUNT(DISTINCT trace_code) FROM trace_event WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }
}
