package org.tracehub.hub.web;

import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.TraceChain;

/**
 * Individual businesses (个体工商户: credit code category {@code 92}, GB 32100) are not named on the public side. Their
 * registered name is usually the holder's own name with the trade after it (张三猪肉摊, 李秀英蔬菜店), so showing it
 * would put a private person's name on every label scanned. The rule is the simplest that cannot leak: the whole
 * name is replaced by {@link #SHOWN_NAME}, whatever it looks like — no attempt to keep a trade suffix, since 张三店 or a
 * name with no suffix at all would still spell the person. The credit code, the node type and the step stay: they
 * say a registered business sold the lot, and a consumer with a complaint can still name it to the regulator (12315).
 * Applied to operators and counterparties alike; the console and the authenticated API, which serve the programme's
 * staff, keep the names as stored.
 */
final class IndividualBusinesses {

    /** GB 32100's category of an individual business: the credit code's first two symbols (registration authority 9, category 2). */
    static final String CATEGORY = "92";
    static final String SHOWN_NAME = "个体工商户（名称已隐去）";

    private IndividualBusinesses() {
    }

    static boolean isIndividual(String uscc) {
        return uscc != null && uscc.strip().startsWith(CATEGORY);
    }

    /** The chain as the public may see it: operators and counterparties of category 92 unnamed. */
    static TraceChain unnamed(TraceChain chain) {
        return new TraceChain(chain.code(), chain.kind(), chain.events().stream().map(IndividualBusinesses::unnamed).toList(),
                chain.gaps(), chain.truncated(), chain.candidates().stream().map(IndividualBusinesses::unnamed).toList());
    }

    static ChainEvent unnamed(ChainEvent e) {
        boolean operator = isIndividual(e.operatorUscc()) && e.operatorName() != null;
        ChainEvent.Business other = e.counterparty();
        boolean counterparty = other != null && isIndividual(other.uscc());
        if (!operator && !counterparty) {
            return e;
        }
        return new ChainEvent(e.eventId(), e.traceCode(), e.category(), e.step(), e.time(), e.operatorUscc(),
                operator ? SHOWN_NAME : e.operatorName(), e.nodeCode(), e.nodeType(),
                counterparty ? new ChainEvent.Business(other.uscc(), SHOWN_NAME, other.nodeType()) : other, e.productCode(),
                e.productName(), e.productGtin(), e.quantity(), e.unit(), e.origin(), e.originName(), e.certificates(), e.tests(),
                e.facts(), e.inputs(), e.relation(), e.depth());
    }
}
