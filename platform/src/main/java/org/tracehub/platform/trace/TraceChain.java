package org.tracehub.platform.trace;

import java.util.List;

/**
 * Everything known about a trace code: its own events and those up- and downstream, in time order.
 * For a piece of equipment (an elevator, a gas cylinder) its own events are its history: fillings,
 * maintenance, inspections.
 *
 * @param kind      LOT for goods, EQUIPMENT when the code names an elevator or a cylinder
 * @param gaps      input codes that some event names but no source ever reported
 * @param truncated the depth limit (or the cap on events) stopped the walk before the chain ended; for a choice
 *                  ({@link #ambiguous()}), the code names more than the candidates given
 * @param candidates when the code is another identifier (a 96333 emergency code, a registration code, a stamp number)
 *                   of more than one piece of equipment — a code reissued to a new lift, two makers' cylinders with one
 *                   stamp number — the newest event of each, newest first, and no events: merged, their histories would
 *                   read as one machine's, so the reader chooses — and, for a code typed in another letter case, the
 *                   stored codes equal to it but for case. Empty otherwise
 */
public record TraceChain(String code, Kind kind, List<ChainEvent> events, List<String> gaps, boolean truncated,
                         List<ChainEvent> candidates) {

    public enum Kind { LOT, EQUIPMENT }

    public TraceChain(String code, Kind kind, List<ChainEvent> events, List<String> gaps, boolean truncated) {
        this(code, kind, events, gaps, truncated, List.of());
    }

    static TraceChain notFound(String code) {
        return new TraceChain(code, Kind.LOT, List.of(), List.of(), false);
    }

    static TraceChain ambiguous(String code, Kind kind, List<ChainEvent> candidates, boolean more) {
        return new TraceChain(code, kind, List.of(), List.of(), more, List.copyOf(candidates));
    }

    /** Nothing is known about the code: no event of its own, and it names no piece of equipment. */
    public boolean notFound() {
        return candidates.isEmpty() && events.stream().noneMatch(e -> e.relation() == ChainEvent.Relation.SELF);
    }

    /** The code names several pieces of equipment ({@link #candidates}): there is no one history to show. */
    public boolean ambiguous() {
        return !candidates.isEmpty();
    }

    /** The events of the code itself (for equipment: its history), in time order. */
    public List<ChainEvent> own() {
        return events.stream().filter(e -> e.relation() == ChainEvent.Relation.SELF).toList();
    }

    /** The deepest upstream link reached: 0 when nothing upstream was found. */
    public int upstreamDepth() {
        return events.stream().filter(e -> e.relation() == ChainEvent.Relation.UPSTREAM).mapToInt(ChainEvent::depth).max().orElse(0);
    }
}
