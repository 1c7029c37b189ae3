package org.tracehub.hub.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.TraceChain;

/**
 * A red banner at the top of the consumer page: what a consumer must see before the journey, not find in it.
 * The timeline marks a failed test in red where it happened, but a shopper reads the heading and stops; a lot that
 * failed a test, a lift past its inspection date or a scrapped cylinder must say so first.
 *
 * @param title   the banner's heading: 检测不合格, 已超过下次检验日期（2027-06-15）, 已报废
 * @param details one line each, e.g. 屠宰 · 宰前抽检（阳性头数）：不合格（2）
 */
public record ChainAlert(Kind kind, String title, List<String> details) {

    public enum Kind { TEST_FAILED, SCRAPPED, INSPECTION_OVERDUE }

    static final String FAIL = "FAIL";
    static final String SCRAP = "SCRAP";

    /**
     * @param nextInspection the page's next inspection date (equipment only), as the newest record gives it
     * @param today          the date in the hub's zone: a date is overdue from the day after it there
     */
    static List<ChainAlert> of(TraceChain chain, ZoneId zone, String nextInspection, LocalDate today) {
        List<ChainAlert> alerts = new ArrayList<>();
        // the code's own events and those upstream: a failed test upstream (the slaughter's sampling) concerns every lot
        // made from it; one downstream (a market's quick test of a lot mixed from several suppliers) was made after the
        // goods left and is that lot's, shown on its own page
        List<String> failed = chain.events().stream().filter(e -> e.relation() != ChainEvent.Relation.DOWNSTREAM)
                .flatMap(e -> e.tests().stream()
                        .filter(t -> FAIL.equals(t.result()))
                        .map(TimelineEntry::check)
                        .map(c -> ChineseTerms.step(e.step()) + " · " + c.label() + "：" + c.text()))
                .distinct().toList();
        if (!failed.isEmpty()) {
            alerts.add(new ChainAlert(Kind.TEST_FAILED, "检测不合格", failed));
        }
        // the code's own records only: a scrapped input lot or a scrapped part of a shipment is not this item
        List<String> scrapped = chain.own().stream().filter(e -> SCRAP.equals(e.step()))
                .map(e -> e.time().atZoneSameInstant(zone).format(TimelineEntry.TIME) + " " + operator(e)).toList();
        if (!scrapped.isEmpty()) {
            alerts.add(new ChainAlert(Kind.SCRAPPED, "已报废", scrapped));
        } else if (overdue(nextInspection, today)) {
            // a scrapped device is out of service, not late for its inspection
            alerts.add(new ChainAlert(Kind.INSPECTION_OVERDUE, "已超过下次检验日期（" + nextInspection + "）", List.of()));
        }
        return List.copyOf(alerts);
    }

    private static boolean overdue(String nextInspection, LocalDate today) {
        if (nextInspection == null) {
            return false;
        }
        try {
            return LocalDate.parse(nextInspection).isBefore(today);
        } catch (DateTimeParseException e) {
            // the standard's dates are ISO dates; anything else is shown as it is, and claims nothing
            return false;
        }
    }

    private static String operator(ChainEvent e) {
        return e.operatorName() != null ? e.operatorName() : TimelineEntry.UNNAMED_OPERATOR;
    }
}
