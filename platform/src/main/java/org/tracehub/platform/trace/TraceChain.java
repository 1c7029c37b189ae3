package org.tracehub.platform.trace;

import java.util.List;

/**
 * Everything known about a trace code: its own events and those up- and downstream, in time order.
 * For a piece of equipment (an elevator, a gas cylinder) its own events are its history: fillings,
 * maintenance, inspections.
 *
 * @param kind      LOT for goods, EQUIPMENT when the code names an elevator or a cylinder
 * @param gaps      input codes that some event names but no source ever reported
 * @param truncated the depth limit (or the cap on events) stopped the walk before the chain ended
 */
public record TraceChain(String code, Kind kind, List<ChainEvent> events, List<String> gaps, boolean truncated) {

    public enum Kind { LOT, EQUIPMENT }

    static TraceChain notFound(String code) {
        return new TraceChain(code, Kind.LOT, List.of(), List.of(), false);
    }

    public boolean notFound() {
        return events.stream().noneMatch(e -> e.relation() == ChainEvent.Relation.SELF);
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
