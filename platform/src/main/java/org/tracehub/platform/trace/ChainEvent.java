package org.tracehub.platform.trace;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One event of a trace chain as shown publicly. Operators are businesses (name, credit code,
 * node); a counterparty appears only when it is a business (has a credit code); nothing that may
 * identify a private person (a cargo owner, an inspector, a driver, a phone number, an address) is
 * ever part of it — see {@link PublicEventView} for the whitelist.
 *
 * @param operatorName null when the operator has no credit code (it may be a private person)
 * @param counterparty the other side of a trade, only when it is a business; else null
 * @param originName   the producing region's name (province, prefecture, county), from GB/T 2260
 * @param tests        test results carried by the event (pesticide screening, milk quality, carcass sampling, cylinder checks)
 * @param facts        other public facts, keyed by {@link FactKeys} (equipment identifiers, maintenance, next inspection …)
 * @param relation     SELF for the code asked about, UPSTREAM for where it came from, DOWNSTREAM for where it went
 * @param depth        links away from the code asked about
 */
public record ChainEvent(
        String eventId,
        String traceCode,
        String category,
        String step,
        OffsetDateTime time,
        String operatorUscc,
        String operatorName,
        String nodeCode,
        String nodeType,
        Business counterparty,
        String productCode,
        String productName,
        String productGtin,
        BigDecimal quantity,
        String unit,
        String origin,
        String originName,
        List<Certificate> certificates,
        List<TestResult> tests,
        List<Fact> facts,
        List<String> inputs,
        Relation relation,
        int depth) {

    public enum Relation { SELF, UPSTREAM, DOWNSTREAM }

    /**
     * The name shown for an individual business (个体工商户: credit code category {@code 92}, GB 32100): its registered
     * name is usually the holder's own name with the trade after it (张三猪肉摊), so the whole name is left out — not all
     * but a 摊/店 suffix, since 张三店 would still spell the person. Its credit code and node type stay.
     */
    public static final String UNNAMED_INDIVIDUAL_BUSINESS = "个体工商户（名称已隐去）";

    /** A business: credit code, name, node type. */
    public record Business(String uscc, String name, String nodeType) {
    }

    public record Certificate(String type, String number) {
    }

    /**
     * @param item   what was tested, one of {@link TestItems}
     * @param result PASS or FAIL where the source states (or the figures imply) one; else null
     * @param value  the measured figure, if any
     * @param unit   the figure's unit (UN/ECE rec. 20 code, or % / °T), if any
     */
    public record TestResult(String item, String result, BigDecimal value, String unit) {
    }

    /** A public fact of the event; {@code key} is one of {@link FactKeys}. */
    public record Fact(String key, String value) {
    }
}
