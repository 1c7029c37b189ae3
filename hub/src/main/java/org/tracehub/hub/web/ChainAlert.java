package org.tracehub.hub.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        List<String> failed = chain.kind() == TraceChain.Kind.EQUIPMENT ? failedNow(chain.own()) : failedEver(chain.events());
        if (!failed.isEmpty()) {
            alerts.add(new ChainAlert(Kind.TEST_FAILED, "检测不合格", failed));
        }
        // the code's own records only: a scrapped input lot or a scrapped part of a shipment is not this item
        List<String> scrapped = chain.own().stream().filter(e -> SCRAP.equals(e.step()))
                .map(e -> TimelineEntry.shown(e.time(), zone) + " " + operator(e)).toList();
        if (!scrapped.isEmpty()) {
            alerts.add(new ChainAlert(Kind.SCRAPPED, "已报废", scrapped));
        } else if (overdue(nextInspection, today)) {
            // a scrapped device is out of service, not late for its inspection
            alerts.add(new ChainAlert(Kind.INSPECTION_OVERDUE, "已超过下次检验日期（" + nextInspection + "）", List.of()));
        }
        return List.copyOf(alerts);
    }

    /**
     * Goods: every failed test of the code's own events and those upstream. A failed test upstream (the slaughter's
     * sampling) concerns every lot made from it; one downstream (a market's quick test of a lot mixed from several
     * suppliers) was made after the goods left and is that lot's, shown on its own page. A lot that failed once stays
     * failed.
     */
    private static List<String> failedEver(List<ChainEvent> events) {
        return events.stream().filter(e -> e.relation() != ChainEvent.Relation.DOWNSTREAM)
                .flatMap(e -> e.tests().stream().filter(t -> FAIL.equals(t.result())).map(t -> line(e, t)))
                .distinct().toList();
    }

    /**
     * Equipment: the newest result of each test item of its own records. A cylinder refused at one filling and filled
     * after a passed check ever since, a lift that failed an inspection and passed the next, is in order now; the failed
     * record stays in its history. An item no later record tested again keeps its last verdict, failed or not.
     */
    private static List<String> failedNow(List<ChainEvent> own) {
        Map<String, String> newest = new LinkedHashMap<>();
        // a later record's result replaces an earlier one's
        List<ChainEvent> byTime = own.stream().sorted(Comparator.comparing((ChainEvent e) -> e.time().toInstant())
                .thenComparing(ChainEvent::eventId)).toList();
        for (ChainEvent e : byTime) {
            for (ChainEvent.TestResult t : e.tests()) {
                if (t.result() != null) {
                    newest.remove(t.item());
                    newest.put(t.item(), FAIL.equals(t.result()) ? line(e, t) : null);
                }
            }
        }
        return newest.values().stream().filter(Objects::nonNull).distinct().toList();
    }

    private static String line(ChainEvent e, ChainEvent.TestResult t) {
        TimelineEntry.Check c = TimelineEntry.check(t);
        return ChineseTerms.step(e.step()) + " · " + c.label() + "：" + c.text();
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
