package org.tracehub.platform.operator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.JdbcBatches;
import org.tracehub.platform.sql.InLists;
import org.tracehub.schemas.standard.v1.Party;

/**
 * Keeps the {@code operator} table in step with loaded events. Only parties with a credit code
 * are businesses; anyone else (a farmer selling privately, a shopper) is not recorded.
 * A business's own newest event sets its name and node; what others call it fills in only what is
 * missing. Portable SQL: read, then update or insert; the primary key settles races.
 */
@Repository
public class OperatorRegistry {

    /** For the inserts: JDBC batches, which {@link JdbcClient} has none of. */
    private final JdbcOperations operations;
    private final JdbcClient jdbc;
    private final Clock clock;

    public OperatorRegistry(JdbcOperations operations, Clock clock) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
        this.clock = clock;
    }

    /** The party that reported an event at {@code eventTime}. */
    public void recordReporter(Party party, OffsetDateTime eventTime) {
        if (!isBusiness(party)) {
            return;
        }
        Optional<Known> known = known(party.getUscc());
        if (known.isEmpty()) {
            jdbc.sql("INSERT INTO operator (uscc, name, node_code, node_type, last_reported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(party.getUscc(), party.getName(), party.getNodeCode(), nodeType(party), eventTime, now())
                    .update();
        } else if (known.get().lastReportedAt() == null || !known.get().lastReportedAt().isAfter(eventTime)) {
            jdbc.sql("UPDATE operator SET name = COALESCE(?, name), node_code = COALESCE(?, node_code), "
                            + "node_type = COALESCE(?, node_type), last_reported_at = ?, updated_at = ? WHERE uscc = ?")
                    .params(party.getName(), party.getNodeCode(), nodeType(party), eventTime, now(), party.getUscc())
                    .update();
        }
    }

    /** The other side of a trade, as the reporter names it: recorded only if the business is new. */
    public void recordCounterparty(Party party) {
        if (!isBusiness(party) || known(party.getUscc()).isPresent()) {
            return;
        }
        jdbc.sql("INSERT INTO operator (uscc, name, node_code, node_type, last_reported_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?)")
                .params(party.getUscc(), party.getName(), party.getNodeCode(), nodeType(party), now())
                .update();
    }

    /** Collects the parties of a page of events, to be written with {@link Fold#write()} in a few statements. */
    public Fold fold() {
        return new Fold();
    }

    /**
     * The same rules as {@link #recordReporter} and {@link #recordCounterparty}, applied in order to
     * a page of events in memory: the page's businesses are read with one query, folded, and only
     * the new or changed ones are written.
     */
    public final class Fold {

        private record Call(Party party, OffsetDateTime eventTime, boolean reporter) {
        }

        private final List<Call> calls = new ArrayList<>();

        public void reporter(Party party, OffsetDateTime eventTime) {
            if (isBusiness(party)) {
                calls.add(new Call(party, eventTime, true));
            }
        }

        public void counterparty(Party party) {
            if (isBusiness(party)) {
                calls.add(new Call(party, null, false));
            }
        }

        public void write() {
            if (calls.isEmpty()) {
                return;
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            Set<String> usccs = new LinkedHashSet<>();
            calls.forEach(c -> usccs.add(c.party().getUscc()));
            for (List<String> slice : InLists.slices(usccs, 500)) {
                jdbc.sql("SELECT uscc, name, node_code, node_type, last_reported_at FROM operator WHERE uscc IN (:usccs)")
                        .param("usccs", slice)
                        .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class), true))
                        .list()
                        .forEach(r -> rows.put(r.uscc, r));
            }
            for (Call c : calls) {
                Party p = c.party();
                Row known = rows.get(p.getUscc());
                if (known == null) {
                    Row added = new Row(p.getUscc(), p.getName(), p.getNodeCode(), nodeType(p), c.reporter() ? c.eventTime() : null, false);
                    added.changed = true;
                    rows.put(p.getUscc(), added);
                } else if (c.reporter() && (known.lastReportedAt == null || !known.lastReportedAt.isAfter(c.eventTime()))) {
                    known.name = p.getName() != null ? p.getName() : known.name;
                    known.nodeCode = p.getNodeCode() != null ? p.getNodeCode() : known.nodeCode;
                    known.nodeType = nodeType(p) != null ? nodeType(p) : known.nodeType;
                    known.lastReportedAt = c.eventTime();
                    known.changed = true;
                }
            }
            OffsetDateTime now = now();
            List<Object[]> inserts = new ArrayList<>();
            for (Row r : rows.values()) {
                if (!r.changed) {
                    continue;
                }
                if (r.stored) {
                    jdbc.sql("UPDATE operator SET name = ?, node_code = ?, node_type = ?, last_reported_at = ?, updated_at = ? WHERE uscc = ?")
                            .params(r.name, r.nodeCode, r.nodeType, r.lastReportedAt, now, r.uscc)
                            .update();
                } else {
                    inserts.add(new Object[] {r.uscc, r.name, r.nodeCode, r.nodeType, r.lastReportedAt, now});
                }
            }
            JdbcBatches.insert(operations, "operator", COLUMNS, inserts);
            calls.clear();
        }
    }

    private static final List<String> COLUMNS = List.of("uscc", "name", "node_code", "node_type", "last_reported_at", "updated_at");

    /** A business as the fold sees it. */
    private static final class Row {
        final String uscc;
        String name;
        String nodeCode;
        String nodeType;
        OffsetDateTime lastReportedAt;
        final boolean stored;
        boolean changed;

        Row(String uscc, String name, String nodeCode, String nodeType, OffsetDateTime lastReportedAt, boolean stored) {
            this.uscc = uscc;
            this.name = name;
            this.nodeCode = nodeCode;
            this.nodeType = nodeType;
            this.lastReportedAt = lastReportedAt;
            this.stored = stored;
        }
    }

    public Optional<Operator> find(String uscc) {
        return jdbc.sql("SELECT uscc, name, node_code, node_type, last_reported_at FROM operator WHERE uscc = ?")
                .param(uscc)
                .query((rs, i) -> new Operator(rs.getString("uscc"), rs.getString("name"), rs.getString("node_code"),
                        rs.getString("node_type"), rs.getObject("last_reported_at", OffsetDateTime.class)))
                .optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM operator").query(Long.class).single();
    }

    /** A business is a party with a credit code; a name alone may be a private person's. */
    public static boolean isBusiness(Party party) {
        return party != null && party.getUscc() != null && !party.getUscc().isBlank();
    }

    private Optional<Known> known(String uscc) {
        return jdbc.sql("SELECT last_reported_at FROM operator WHERE uscc = ?")
                .param(uscc)
                .query((rs, i) -> new Known(rs.getObject(1, OffsetDateTime.class)))
                .optional();
    }

    /** A business already in the table; lastReportedAt is null when it is known only as a counterparty. */
    private record Known(OffsetDateTime lastReportedAt) {
    }

    private static String nodeType(Party party) {
        return party.getNodeType() == null ? null : party.getNodeType().name();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
