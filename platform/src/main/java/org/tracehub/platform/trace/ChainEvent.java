package org.tracehub.platform.trace;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One event of a trace chain as shown publicly: businesses only (name, credit code, node), never
 * a counterparty that might be a private person.
 *
 * @param relation SELF for the code asked about, UPSTREAM for where it came from, DOWNSTREAM for where it went
 * @param depth    links away from the code asked about
 */
public record ChainEvent(
        String eventId,
        String traceCode,
        String category,
        String step,
        OffsetDateTime time,
        String operatorUscc,
        String operatorName,
        String nodeType,
        String productCode,
        String productName,
        BigDecimal quantity,
        String unit,
        String origin,
        List<Certificate> certificates,
        List<String> inputs,
        Relation relation,
        int depth) {

    public enum Relation { SELF, UPSTREAM, DOWNSTREAM }

    public record Certificate(String type, String number) {
    }
}
