package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardDocumentException;

class StagedEventXmlTest {

    private final StagedEventXml xml = new StagedEventXml();

    @Test
    void aPageReadThroughOneReaderGivesTheEventsOfReadingThemOneByOne() {
        List<String> page = IntStream.rangeClosed(1, 50).mapToObj(i -> text(event(i))).toList();

        List<TraceEvent> read = xml.readAll(page);

        assertThat(read).hasSize(50);
        assertThat(read.stream().map(this::text).toList()).as("every field, in page order").isEqualTo(page);
        assertThat(read.get(41).getInputs().getInput()).containsExactly("TZ42", "TZ-42b");
    }

    @Test
    void aFullPageOfEventsWithChineseNamesReadsWholeAndInOrder() {
        List<String> page = IntStream.rangeClosed(1, 500).mapToObj(i -> {
            TraceEvent e = event(i);
            Product product = new Product();
            product.setCode("P" + i);
            product.setName("冷鲜猪肉 第" + i + "批");
            e.setProduct(product);
            return text(e);
        }).toList();

        List<TraceEvent> read = xml.readAll(page);

        assertThat(read.stream().map(this::text).toList()).isEqualTo(page);
        assertThat(read.get(499).getProduct().getName()).isEqualTo("冷鲜猪肉 第500批");
    }

    @Test
    void anEmptyPageReadsAsNoEvents() {
        assertThat(xml.readAll(List.of())).isEmpty();
    }

    @Test
    void aBrokenEventInAPageFailsAsItWouldAlone() {
        List<String> page = new ArrayList<>(List.of(text(event(1)), text(event(2))));
        page.add("<event xmlns=\"urn:shanghai:trace:standard:1\"><eventId>x</event>");

        assertThatThrownBy(() -> xml.readAll(page)).isInstanceOf(StandardDocumentException.class)
                .satisfies(e -> assertThat(((StandardDocumentException) e).code()).isEqualTo(ErrorCodes.XML_MALFORMED));
    }

    @Test
    void aDoctypeInAPageIsRefusedAsInASingleRead() {
        List<String> page = List.of(text(event(1)), "<!DOCTYPE event [<!ENTITY x \"y\">]>" + text(event(2)));

        assertThatThrownBy(() -> xml.readAll(page)).isInstanceOf(StandardDocumentException.class)
                .satisfies(e -> assertThat(((StandardDocumentException) e).code()).isEqualTo(ErrorCodes.XML_DOCTYPE_FORBIDDEN));
    }

    /** What the load reads back: the staged bytes as text. */
    private String text(TraceEvent e) {
        return new String(xml.write(e), StandardCharsets.UTF_8);
    }

    private static TraceEvent event(int i) {
        TraceEvent e = new TraceEvent();
        e.setEventId(String.format("%032x", i));
        e.setCategory(Category.MEAT);
        e.setStep(Step.WHOLESALE);
        e.setTime(OffsetDateTime.parse("2026-11-27T03:15:00+08:00").plusMinutes(i));
        e.setTraceCode("XJM" + i);
        Inputs inputs = new Inputs();
        inputs.getInput().addAll(List.of("TZ" + i, "TZ-" + i + "b"));
        e.setInputs(inputs);
        e.setOrigin("310151");
        Provenance p = new Provenance();
        p.setSourceId("meat-wholesale-xj");
        p.setBatchId("20261129-00000000b1");
        p.setAttempt(BigInteger.ONE);
        p.setRow(BigInteger.valueOf(i + 2));
        e.setProvenance(p);
        return e;
    }
}
