package org.tracehub.hub.web;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;

/**
 * The trace chain as every public surface gets it — the consumer page and the trace JSON alike — so that no more of
 * them run at once than {@link PublicQueryLimit} allows. What the public may see of each event is the platform's
 * public view (anyone without a credit code, private persons, phone numbers and individual businesses' names left out).
 */
@Component
public class PublicTraceChains {

    private final TraceChainQuery query;
    private final PublicQueryLimit limit;

    public PublicTraceChains(TraceChainQuery query, PublicQueryLimit limit) {
        this.query = query;
        this.limit = limit;
    }

    /** The chain, within {@link PublicQueryLimit}: throws {@link PublicQueryLimit.Busy} when too many run at once. */
    public TraceChain chain(String code) {
        return limit.run(() -> query.chain(code, TraceChainQuery.DEFAULT_MAX_DEPTH));
    }

    /**
     * The chain of a code a consumer typed (already {@link TraceCodes#cleaned}): as typed, else, when nobody reported it
     * so, of the stored code (or equipment identifier) equal to it but for letter case, or the stored codes to choose
     * from when several are ({@link TraceChainQuery#chainIgnoringCase}). The chain's {@link TraceChain#code} says which
     * was found.
     */
    TraceChain typed(String code) {
        TraceChain chain = chain(code);
        if (!chain.notFound()) {
            return chain;
        }
        return limit.run(() -> query.chainIgnoringCase(code, TraceChainQuery.DEFAULT_MAX_DEPTH));
    }

    /**
     * The stored code a consumer most likely meant by a code nobody reported: the first of its {@link TypingSlips}
     * spellings that is found, when it names one stored code (or one equipment identifier); empty when none is found or
     * the spelling only matches several stored codes differing in case, which the consumer must choose between knowingly.
     */
    Optional<String> meant(String code) {
        for (String spelling : TypingSlips.alternatives(code)) {
            TraceChain chain = typed(spelling);
            if (!chain.notFound()) {
                boolean byCase = chain.ambiguous() && chain.candidates().stream().allMatch(c -> c.traceCode().equalsIgnoreCase(spelling));
                return byCase ? Optional.empty() : Optional.of(chain.code());
            }
        }
        return Optional.empty();
    }
}
