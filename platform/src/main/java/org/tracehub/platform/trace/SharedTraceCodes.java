package org.tracehub.platform.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InLists;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * Finds the rows of a page whose trace code another source's events already hold ({@link SharedTraceCode}). A chain is
 * looked up by code alone, so two unrelated businesses using one code (a market's lot number that happens to be another
 * market's) become one chain. Not every shared code is a mistake: a code the row's trading partner reported (the row's
 * counterparty, or the upstream supplier it names) is the goods passing on, and one the same business reported through
 * another source is its own; and once one of them has reported the code, the others that did (the trading partner's
 * own suppliers, further up the chain) are that chain too. Equipment (elevators, gas cylinders) is left out: its code is the registration code, which
 * every maintainer and filling station of the equipment reports by design.
 * One query per {@link TraceEventStore#ID_SLICE} codes of a page, each code looked up in the trace query's index
 * ({@code ix_trace_event_code_time}): a page of codes no other source holds costs one index probe per code.
 */
final class SharedTraceCodes {

    /** The first column of {@code ix_trace_event_code_time}: H2 looks an {@code IN} list up only on an index's first column. */
    static final String OTHER_SOURCES = "SELECT DISTINCT trace_code, source_id, operator_uscc, operator_name FROM trace_event "
            + "WHERE trace_code IN (:codes) AND source_id <> :source";

    private final JdbcClient jdbc;

    SharedTraceCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record OtherEvent(String source, String uscc, String name) {
    }

    /** The written events of a page (one source's) whose codes another, unrelated source holds, in the page's order. */
    List<SharedTraceCode> of(Collection<TraceEventStore.LoadedEvent> written) {
        Map<String, List<TraceEventStore.LoadedEvent>> byCode = new HashMap<>();
        String source = null;
        for (TraceEventStore.LoadedEvent loaded : written) {
            if (!EquipmentCategories.contains(loaded.event().getCategory())) {
                byCode.computeIfAbsent(loaded.event().getTraceCode(), c -> new ArrayList<>()).add(loaded);
                source = loaded.sourceId();
            }
        }
        if (byCode.isEmpty()) {
            return List.of();
        }
        Map<String, List<OtherEvent>> others = new HashMap<>();
        for (List<String> codes : InLists.slices(byCode.keySet(), TraceEventStore.ID_SLICE)) {
            jdbc.sql(OTHER_SOURCES).param("codes", codes).param("source", source)
                    .query(rs -> {
                        others.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                                .add(new OtherEvent(rs.getString(2), rs.getString(3), rs.getString(4)));
                    });
        }
        List<SharedTraceCode> shared = new ArrayList<>();
        if (others.isEmpty()) {
            return shared;
        }
        for (TraceEventStore.LoadedEvent loaded : written) {
            List<OtherEvent> onCode = others.get(loaded.event().getTraceCode());
            if (onCode == null) {
                continue;
            }
            Set<String> related = relatedParties(loaded.event());
            if (onCode.stream().anyMatch(o -> related.contains(o.uscc()) || related.contains(o.name()))) {
                // the goods passing on: a market's lot also carries the slaughterhouse's events two hops up, whom the
                // market does not name; its supplier, who did report the code, is the link between them
                continue;
            }
            onCode.stream()
                    .min((a, b) -> a.source().compareTo(b.source()))
                    .ifPresent(o -> shared.add(new SharedTraceCode(loaded.row(), loaded.event().getTraceCode(), o.source())));
        }
        shared.sort((a, b) -> Long.compare(a.row(), b.row()));
        return shared;
    }

    /** The credit codes and names of the businesses the event names as itself or its trading partners. */
    private static Set<String> relatedParties(TraceEvent e) {
        Set<String> related = new LinkedHashSet<>();
        add(related, e.getOperator());
        add(related, e.getCounterparty());
        Extension x = e.getExtension();
        if (x != null) {
            if (x.getMeat() != null) {
                related.add(x.getMeat().getUpstreamSupplier());
            }
            if (x.getVegetable() != null) {
                related.add(x.getVegetable().getUpstreamSupplier());
            }
        }
        related.removeIf(Objects::isNull);
        return related;
    }

    private static void add(Set<String> related, Party party) {
        if (party != null) {
            related.add(party.getUscc());
            related.add(party.getName());
        }
    }
}
