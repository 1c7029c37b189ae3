package org.tracehub.hub.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
     * The stored codes a consumer may have meant by a code nobody reported as typed (already {@link TraceCodes#cleaned}):
     * those equal to it but for letter case, then those its {@link TypingSlips} spellings find in any case — names to
     * offer, at most {@link TraceChainQuery#MAX_CHOICES}, never a chain shown in its place: trace codes are case-sensitive
     * and opaque, and a label scanned before its nightly load would otherwise open another operator's lot whose code
     * differs only in case or a hyphen. At most three look-ups, each one indexed statement, within {@link PublicQueryLimit}.
     */
    public List<String> suggestions(String code) {
        return limit.run(() -> {
            Set<String> meant = new LinkedHashSet<>();
            for (String spelling : spellings(code)) {
                query.storedSpellings(spelling).stream().filter(s -> !s.equals(code)).forEach(meant::add);
            }
            return meant.stream().limit(TraceChainQuery.MAX_CHOICES).toList();
        });
    }

    private static List<String> spellings(String code) {
        List<String> spellings = new ArrayList<>();
        spellings.add(code);
        spellings.addAll(TypingSlips.alternatives(code));
        return spellings;
    }
}
