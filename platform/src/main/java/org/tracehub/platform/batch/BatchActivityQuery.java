package org.tracehub.platform.batch;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-source totals of the batches received in a period: the nightly sync's summary. */
@Repository
public class BatchActivityQuery {

    /** The period's batches through ix_batch_received (V13); without it H2 read every batch ever received. */
    static final String BY_SOURCE = "SELECT source_id, COUNT(*), COALESCE(SUM(rows_read), 0), COALESCE(SUM(rows_rejected), 0), "
            + "SUM(CASE WHEN status = :failed THEN 1 ELSE 0 END), SUM(CASE WHEN status = :staged THEN 1 ELSE 0 END) "
            + "FROM batch WHERE received_at >= :from AND received_at < :to GROUP BY source_id ORDER BY source_id";

    private final JdbcClient jdbc;

    public BatchActivityQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Batches received in [from, to), by source id. */
    public List<BatchActivity> bySource(OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql(BY_SOURCE)
                .param("failed", BatchStatus.FAILED.name())
                .param("staged", BatchStatus.STAGED.name())
                .param("from", from)
                .param("to", to)
                .query((rs, i) -> new BatchActivity(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)))
                .list();
    }
}
