package org.tracehub.hub.web;

import java.time.ZoneId;
import java.util.List;
import org.tracehub.platform.trace.ChainEvent;

/**
 * One piece of equipment among those a scanned identifier names (a 96333 code reissued to a new lift, a stamp number two
 * makers used), as the choice page shows it: its own code, linked to its own page, and its newest record, so that the
 * consumer can tell the lift in their building from the one that was scrapped. Plain text; the template escapes it.
 *
 * @param href the equipment's own page, relative to the hub: its code as one encoded path segment
 */
public record EquipmentChoice(String code, String href, String category, String step, String time, String operator) {

    static List<EquipmentChoice> of(List<ChainEvent> newestOfEach, ZoneId zone) {
        return newestOfEach.stream().map(e -> new EquipmentChoice(e.traceCode(),
                ConsumerLinks.PAGE_PREFIX + ConsumerLinks.segmentOf(e.traceCode()), ChineseTerms.category(e.category()),
                ChineseTerms.step(e.step()), TimelineEntry.shown(e.time(), zone),
                e.operatorName() != null ? e.operatorName() : TimelineEntry.UNNAMED_OPERATOR)).toList();
    }
}
