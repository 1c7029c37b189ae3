package org.tracehub.platform.operator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.schemas.standard.v1.Party;

/**
 * Keeps the {@code operator} table in step with loaded events. Only parties with a credit code
 * are businesses; anyone else (a farmer selling privately, a shopper) is not recorded.
 * A business's own newest event sets its name and node; what others call it fills in only what is
 * missing. Portable SQL: read, then update or insert; the primary key settles races.
 */
@Repository
public class OperatorRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    public OperatorRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
