package org.tracehub.hub.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.FactKeys;
import org.tracehub.platform.trace.TraceChain;

/**
 * What the consumer page shows for a code: a heading (the product and where it came from, or the
 * piece of equipment), the timeline, and warnings when the chain has gaps or was cut short.
 * Goods read as a journey from origin to shelf (oldest first); equipment as a service record
 * (newest first).
 *
 * @param title          the product's name, or 电梯 / 气瓶 and the code for equipment
 * @param origin         the producing region's full name, from the earliest event that names one
 * @param nextInspection for equipment: the next inspection date given by its newest record
 * @param alerts         red banners above everything else: a failed test, a scrapped item, an inspection overdue
 * @param gaps           input codes no source reported where one should have: the chain is incomplete
 * @param outside        unreported input codes that name what came from outside the programme's sources (a farm's
 *                       quarantine certificate or delivery note while no farm reports, an import's documents:
 *                       {@link ProgrammeScope}); shown as where the lot came from, not as a gap
 */
public record TracePage(
        String code,
        boolean equipment,
        String title,
        String category,
        String origin,
        String nextInspection,
        List<ChainAlert> alerts,
        List<TimelineEntry> entries,
        List<String> gaps,
        List<String> outside,
        boolean truncated) {


    /** @param clock the hub's clock: times read in its zone ({@code hub.time-zone}), and "today" is its date there */
    static TracePage of(TraceChain chain, Clock clock) {
        return of(chain, clock, event -> false);
    }

    /**
     * @param inputsFromOutside whether an event's inputs come from outside what the programme's sources report
     *                          ({@link ProgrammeScope}): an unreported one is then where the lot came from, not a gap
     */
    static TracePage of(TraceChain chain, Clock clock, Predicate<ChainEvent> inputsFromOutside) {
        ZoneId zone = clock.getZone();
        List<ChainEvent> events = chain.events();
        List<ChainEvent> own = chain.own();
        ChainEvent latest = own.get(own.size() - 1);
        boolean equipment = chain.kind() == TraceChain.Kind.EQUIPMENT;
        String category = ChineseTerms.category(latest.category());
        String title = equipment ? category + " " + latest.traceCode()
                : own.stream().map(ChainEvent::productName).filter(Objects::nonNull).reduce((a, b) -> b).orElse(category);
        String origin = events.stream().filter(e -> e.relation() != ChainEvent.Relation.DOWNSTREAM)
                .map(ChainEvent::originName).filter(Objects::nonNull).findFirst().orElse(null);
        String nextInspection = own.stream()
                .flatMap(e -> e.facts().stream().filter(f -> f.key().equals(FactKeys.NEXT_INSPECTION_DATE)).map(ChainEvent.Fact::value))
                .reduce((a, b) -> b).orElse(null);
        List<TimelineEntry> entries = new ArrayList<>(events.stream().map(e -> TimelineEntry.of(e, zone, equipment)).toList());
        if (equipment) {
            Collections.reverse(entries);
        }
        List<ChainAlert> alerts = ChainAlert.of(chain, zone, nextInspection, LocalDate.now(clock));
        List<String> gaps = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (String gap : chain.gaps()) {
            List<ChainEvent> takers = events.stream().filter(e -> e.inputs().contains(gap)).toList();
            boolean fromOutside = !takers.isEmpty() && takers.stream().allMatch(inputsFromOutside);
            (fromOutside ? outside : gaps).add(gap);
        }
        return new TracePage(chain.code(), equipment, title, category, origin, nextInspection, alerts, List.copyOf(entries),
                List.copyOf(gaps), List.copyOf(outside), chain.truncated());
    }
}
