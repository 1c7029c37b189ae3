package org.tracehub.hub.console;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One page of an attempt's row problems (rejections and warnings), in row order. */
@Repository
public class RowProblemsPage {

    private final JdbcClient jdbc;

    public RowProblemsPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Line> find(String batchId, int attempt, int offset, int limit) {
        // a row with an error was rejected; its cells (rejected_row) go when the archive is purged, its problems stay
        return jdbc.sql("SELECT e.row_no, e.column_name, e.field, e.severity, e.code, e.message, e.raw_value, "
                        + "CASE WHEN EXISTS (SELECT 1 FROM batch_error x WHERE x.batch_id = e.batch_id AND x.attempt = e.attempt "
                        + "AND x.row_no = e.row_no AND x.severity = 'ERROR') THEN 1 ELSE 0 END AS rejected FROM batch_error e "
                        + "WHERE e.batch_id = :batch AND e.attempt = :attempt ORDER BY e.row_no, e.seq "
                        + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("batch", batchId).param("attempt", attempt).param("offset", offset).param("limit", limit)
                .query((rs, i) -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8) == 1))
                .list();
    }

    public long count(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM batch_error WHERE batch_id = ? AND attempt = ?").params(batchId, attempt)
                .query(Long.class).single();
    }

    /** One problem of one row; {@code rowRejected} tells a rejection from a warning on an accepted row. */
    public record Line(long row, String column, String field, String severity, String code, String message, String value,
                       boolean rowRejected) {
    }
}
