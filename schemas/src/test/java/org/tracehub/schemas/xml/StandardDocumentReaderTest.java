package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

class StandardDocumentReaderTest {

    @Test
    void readsBackEveryEventUnchangedWithHeaderAndTrailer() {
        List<TraceEvent> written = List.of(TestEvents.meatWholesale(1), TestEvents.meatWholesale(2), TestEvents.meatWholesale(3));
        byte[] document = write("b-20240520-001", written);

        List<TraceEvent> read = new ArrayList<>();
        try (StandardDocumentReader reader = reader(document)) {
            assertThat(reader.header().getSourceId()).isEqualTo(TestEvents.SOURCE_ID);
            assertThat(reader.header().getBatchId()).isEqualTo("b-20240520-001");
            assertThat(reader.header().getCreated()).isEqualTo(TestEvents.NOW);
            reader.forEachRemaining(read::add);
            assertThat(reader.trailer().getEventCount()).isEqualTo(3);
            assertThat(reader.count()).isEqualTo(3);
        }
        assertThat(read).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(written);
    }

    @Test
    void readsAnEmptyDocument() {
        try (StandardDocumentReader reader = reader(write(null, List.of()))) {
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.trailer().getEventCount()).isZero();
            assertThat(reader.header().getBatchId()).isNull();
        }
    }

    @Test
    void readsEventsWrittenWithoutWhitespaceOrWithCommentsAndAPrefix() {
        String event = StandardXml.toXml(TestEvents.meatWholesale(1));
        String compact = "<traceDocument xmlns=\"urn:shanghai:trace:standard:1\" version=\"1.0\"><header><sourceId>meat-xj</sourceId>"
                + "<created>2024-05-20T12:00:00+08:00</created></header>" + event + event + "<trailer><eventCount>2</eventCount></trailer></traceDocument>";
        String commented = "<?xml version=\"1.0\"?>\n<!-- 西郊 -->\n<ts:traceDocument xmlns:ts=\"urn:shanghai:trace:standard:1\" version=\"1.0\">"
                + "<!-- h --><ts:header><ts:sourceId>meat-xj</ts:sourceId><ts:created>2024-05-20T12:00:00+08:00</ts:created></ts:header>\n"
                + "<?pi x?>" + event + "\n<!-- between -->\n" + event
                + "<ts:trailer><ts:eventCount>2</ts:eventCount></ts:trailer><!-- end --></ts:traceDocument>\n";

        for (String document : List.of(compact, commented)) {
            try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
                assertThat(reader.events().map(TraceEvent::getTraceCode).toList())
                        .containsExactly("XJ202405200001", "XJ202405200001");
                assertThat(reader.trailer().getEventCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void refusesADocumentWhoseTrailerCountDiffersFromItsEvents() {
        String document = new String(write(null, List.of(TestEvents.meatWholesale(1), TestEvents.meatWholesale(2))), StandardCharsets.UTF_8)
                .replace("<eventCount>2</eventCount>", "<eventCount>3</eventCount>");

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            reader.next();
            reader.next();
            assertThatThrownBy(reader::hasNext)
                    .isInstanceOfSatisfying(StandardDocumentException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.DOCUMENT_COUNT_MISMATCH);
                        assertThat(e.getMessage()).contains("事件数为3").contains("实际读到2条");
                    });
        }
    }

    @Test
    void refusesATruncatedDocumentNamingTheLine() {
        byte[] whole = write(null, List.of(TestEvents.meatWholesale(1), TestEvents.meatWholesale(2)));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);

        try (StandardDocumentReader reader = reader(truncated)) {
            assertThatThrownBy(() -> reader.forEachRemaining(e -> { }))
                    .isInstanceOfSatisfying(StandardDocumentException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.XML_MALFORMED);
                        assertThat(e.line()).isPositive();
                        assertThat(e.getMessage()).startsWith("第" + e.line() + "行");
                    });
        }
    }

    @Test
    void refusesADocumentThatEndsWithoutTrailer() {
        String document = "<traceDocument xmlns=\"urn:shanghai:trace:standard:1\" version=\"1.0\"><header><sourceId>meat-xj</sourceId>"
                + "<created>2024-05-20T12:00:00+08:00</created></header></traceDocument>";

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(StandardDocumentException.class,
                    e -> assertThat(e.getMessage()).contains("应为 <trailer>"));
        }
    }

    @Test
    void refusesSomethingThatIsNotAStandardDocument() {
        for (String document : List.of(
                "<traceDocument version=\"1.0\"/>",
                "<traceDocument xmlns=\"urn:shanghai:trace:standard:2\" version=\"1.0\"/>",
                "<traceDocument xmlns=\"urn:shanghai:trace:standard:1\" version=\"2.0\"><header/></traceDocument>",
                StandardXml.toXml(TestEvents.meatWholesale()),
                "not xml at all")) {
            assertThatThrownBy(() -> reader(document.getBytes(StandardCharsets.UTF_8)))
                    .as(document)
                    .isInstanceOfSatisfying(StandardDocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.XML_MALFORMED));
        }
    }

    @Test
    void refusesStrayTextBetweenEvents() {
        String document = new String(write(null, List.of(TestEvents.meatWholesale(1))), StandardCharsets.UTF_8)
                .replace("<trailer>", "合计 <trailer>");

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            reader.next();
            assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(StandardDocumentException.class,
                    e -> assertThat(e.getMessage()).contains("合计"));
        }
    }

    @Test
    void givesTheTrailerOnlyAfterTheLastEventAndNothingAfterIt() {
        try (StandardDocumentReader reader = reader(write(null, List.of(TestEvents.meatWholesale(1))))) {
            assertThatThrownBy(reader::trailer).isInstanceOf(IllegalStateException.class);
            reader.next();
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
            assertThat(reader.trailer().getEventCount()).isOne();
        }
    }

    static byte[] write(String batchId, List<TraceEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StandardDocumentWriter writer = new StandardDocumentWriter(out, TestEvents.SOURCE_ID, batchId, TestEvents.NOW)) {
            events.forEach(writer::write);
        }
        return out.toByteArray();
    }

    private static StandardDocumentReader reader(byte[] document) {
        return new StandardDocumentReader(new ByteArrayInputStream(document));
    }
}
