package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.ChainEvent.Relation;
import org.tracehub.platform.trace.TraceChain;

/** The consumer page's note on a chain cut short, rendered from the page's template: its words differ for equipment. */
class TruncatedNoteTemplateTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private static String note(TraceChain chain) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        Context context = new Context();
        context.setVariable("page", TracePage.of(chain, NOW));
        // the note alone: the page's head links the stylesheet, which needs a web request
        return engine.process("trace/chain", Set.of("section.truncated-warning"), context);
    }

    @Test
    void anEquipmentHistoryCutShortSaysHowManyOfItsNewestRecordsAreShown() {
        List<ChainEvent> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record("GC1", "GAS_CYLINDER", "FILL", OffsetDateTime.parse("2026-11-20T09:00:00+08:00").plusDays(i)));
        }

        String note = note(new TraceChain("GC1", TraceChain.Kind.EQUIPMENT, records, List.of(), true));

        assertThat(note).contains("记录较多，仅显示最近 3 条。").doesNotContain("环节");
        assertThat(note(new TraceChain("GC1", TraceChain.Kind.EQUIPMENT, records, List.of(), false))).doesNotContain("记录较多");
    }

    @Test
    void aLotsChainCutShortSaysSomeRecordsAreNotShownNotThatOnlyTheNearestStepsAre() {
        List<ChainEvent> events = List.of(record("TZ1", "MEAT", "SLAUGHTER", OffsetDateTime.parse("2026-11-26T22:00:00+08:00")),
                record("TZ1", "MEAT", "SHIP", OffsetDateTime.parse("2026-11-27T02:00:00+08:00")));

        String note = note(new TraceChain("TZ1", TraceChain.Kind.LOT, events, List.of(), true));

        assertThat(note).contains("链条较长、记录较多，部分记录未显示。").doesNotContain("仅显示距本批次较近的环节", "仅显示最近");
    }

    private static ChainEvent record(String code, String category, String step, OffsetDateTime time) {
        return new ChainEvent(code + step + time, code, category, step, time, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of(), List.of(), List.of(), List.of(), Relation.SELF, 0);
    }
}
