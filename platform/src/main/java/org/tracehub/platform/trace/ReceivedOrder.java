package org.tracehub.platform.trace;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InLists;

/**
 * Which batches were received after a given one. The store keeps one version of a record, the one of the
 * batch received last: a re-sent, corrected file wins over the file it corrects however the two are loaded
 * (a reprocess or a retry of the older one, a nightly load after an on-arrival one). Received time first,
 * the batch id on a tie, so that every node decides alike. A batch without a row (events loaded in code)
 * is in no order: its versions are replaced as before, by the last load.
 */
final class ReceivedOrder {

    private final JdbcClient jdbc;

    ReceivedOrder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Those of {@code others} received after {@code batchId}. */
    Set<String> receivedAfter(String batchId, Collection<String> others) {
        Set<String> candidates = new LinkedHashSet<>(others);
        candidates.remove(batchId);
        if (candidates.isEmpty()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>(candidates);
        ids.add(batchId);
        Map<String, OffsetDateTime> received = new HashMap<>();
        for (List<String> slice : InLists.slices(ids, TraceEventStore.ID_SLICE)) {
            jdbc.sql("SELECT id, received_at FROM batch WHERE id IN (:ids)").param("ids", slice)
                    .query(rs -> {
                        received.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    });
        }
        OffsetDateTime mine = received.get(batchId);
        if (mine == null) {
            return Set.of();
        }
        Set<String> later = new LinkedHashSet<>();
        for (String id : candidates) {
            OffsetDateTime at = received.get(id);
            if (at != null && (at.isAfter(mine) || at.isEqual(mine) && id.compareTo(batchId) > 0)) {
                later.add(id);
            }
        }
        return later;
    }
}
