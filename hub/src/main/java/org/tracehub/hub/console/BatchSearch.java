package org.tracehub.hub.console;

import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;

/** The batch list with source, status and date filters, newest first (portable SQL, H2 and PostgreSQL). */
@Repository
public class BatchSearch {

    private static final String WHERE = " WHERE (CAST(:source AS VARCHAR(64)) IS NULL OR source_id = :source) "
            + "AND (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status) "
            + "AND (CAST(:from AS TIMESTAMP WITH TIME ZONE) IS NULL OR received_at >= :from) "
            + "AND (CAST(:to AS TIMESTAMP WITH TIME ZONE) IS NULL OR received_at < :to)";

    private final JdbcClient jdbc;
    private final Clock clock;

    public BatchSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Batch> find(BatchFilter filter, int offset, int limit) {
        return bind(jdbc.sql("SELECT " + BatchRepository.COLUMNS + " FROM batch" + WHERE
                        + " ORDER BY received_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY"), filter)
                .param("offset", offset)
                .param("limit", limit)
                .query(BatchRepository.mapper(clock.getZone())).list();
    }

    public long count(BatchFilter filter) {
        return bind(jdbc.sql("SELECT COUNT(*) FROM batch" + WHERE), filter).query(Long.class).single();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, BatchFilter f) {
        return statement
                .param("source", f.source())
                .param("status", f.status() == null ? null : f.status().name())
                .param("from", f.from() == null ? null : f.from().atStartOfDay(clock.getZone()).toOffsetDateTime())
                .param("to", f.to() == null ? null : f.to().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
    }
}
