package org.tracehub.platform.trace;

import java.util.List;

/**
 * Everything known about a trace code: its own events and those up- and downstream, in time order.
 *
 * @param gaps      input codes that some event names but no source ever reported
 * @param truncated the depth limit stopped the walk before the chain ended
 */
public record TraceChain(String code, List<ChainEvent> events, List<String> gaps, boolean truncated) {

    public boolean notFound() {
        return events.stream().noneMatch(e -> e.relation() == ChainEvent.Relation.SELF);
    }
}
