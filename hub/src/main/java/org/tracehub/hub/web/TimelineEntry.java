package org.tracehub.hub.web;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tracehub.platform.trace.ChainEvent;

/**
 * One step of the consumer page's timeline, in Chinese and ready to print: every field is plain
 * text (the template escapes it).
 *
 * @param relation    UPSTREAM, SELF or DOWNSTREAM (for styling and tests)
 * @param operator    the business's name, or a neutral word when the operator has no credit code
 * @param quantity    value and unit, e.g. "128.25 千克"
 * @param counterparty the other business of the step, if the event names one
 * @param counterpartyRole what that business is to the step (售往, 供货方, 使用单位 …), shown before its name
 */
public record TimelineEntry(
        String traceCode,
        String relation,
        String relationLabel,
        String step,
        String time,
        String operator,
        String operatorUscc,
        String nodeType,
        String product,
        String quantity,
        String origin,
        List<String> certificates,
        List<Check> tests,
        List<Labelled> facts,
        String counterparty,
        String counterpartyRole) {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    static final String UNNAMED_OPERATOR = "经营者（未登记信用代码）";

    /** A test result: its label, the text shown, and PASS / FAIL / null for styling. */
    public record Check(String label, String text, String result) {
    }

    /** A labelled fact such as 维保类型: 半月保养. */
    public record Labelled(String label, String value) {
    }

    /** @param equipment the chain is a piece of equipment's history: its own records are "this equipment", not "this lot" */
    static TimelineEntry of(ChainEvent e, ZoneId zone, boolean equipment) {
        String relationLabel = switch (e.relation()) {
            case SELF -> equipment ? "本设备" : "本批次";
            case UPSTREAM -> "来源";
            case DOWNSTREAM -> "去向";
        };
        String quantity = e.quantity() == null ? null : e.quantity().toPlainString() + " " + ChineseTerms.unit(e.unit());
        List<String> certificates = e.certificates().stream()
                .map(c -> ChineseTerms.certificate(c.type()) + " " + c.number()).toList();
        List<Check> tests = e.tests().stream().map(TimelineEntry::check).toList();
        List<Labelled> facts = e.facts().stream().map(f -> new Labelled(ChineseTerms.fact(f.key()), f.value())).toList();
        String counterparty = e.counterparty() == null ? null : e.counterparty().name();
        return new TimelineEntry(e.traceCode(), e.relation().name(), relationLabel, ChineseTerms.step(e.step()),
                shown(e.time(), zone), e.operatorName() != null ? e.operatorName() : UNNAMED_OPERATOR,
                e.operatorUscc(), ChineseTerms.nodeType(e.nodeType()), e.productName(), quantity, e.originName(), certificates, tests,
                facts, counterparty, ChineseTerms.counterpartyRole(e.step()));
    }

    /**
     * An event's time as the page shows it, in the hub's zone: the date alone at exactly midnight. A record that gives only
     * its date (a market's 进货日期, a harvest day) is stored at 00:00 of that day, and the store keeps no mark of it:
     * "00:00" would tell a shopper the goods moved at midnight. A record truly made at 00:00:00 loses nothing a shopper
     * needs.
     */
    static String shown(OffsetDateTime time, ZoneId zone) {
        ZonedDateTime local = time.atZoneSameInstant(zone);
        return local.format(local.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE : TIME);
    }

    static Check check(ChainEvent.TestResult t) {
        StringBuilder text = new StringBuilder();
        if (t.result() != null) {
            text.append(ChineseTerms.result(t.result()));
        }
        if (t.value() != null) {
            text.append(text.isEmpty() ? "" : "（").append(t.value().toPlainString());
            if (t.unit() != null) {
                text.append(ChineseTerms.unit(t.unit()));
            }
            text.append(t.result() != null ? "）" : "");
        }
        return new Check(ChineseTerms.test(t.item()), text.toString(), t.result());
    }
}
