package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.TraceDocument;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.xml.sax.SAXParseException;

class StandardDocumentWriterTest {

    private static final OffsetDateTime CREATED = TestEvents.NOW;

    @Test
    void writesADocumentThatTheXsdAcceptsWithTheCountInTheTrailer() throws Exception {
        byte[] document = write("b-20240520-001", TestEvents.meatWholesale(1), TestEvents.meatWholesale(2),
                TestEvents.meatWholesale(3));

        StandardSchema.validate(document);
        TraceDocument parsed = read(document);
        assertThat(parsed.getTrailer().getEventCount()).isEqualTo(3);
        assertThat(parsed.getEvent()).extracting(TraceEvent::getTraceCode)
                .containsExactly("XJ202405200001", "XJ202405200002", "XJ202405200003");
        assertThat(parsed.getHeader().getSourceId()).isEqualTo(TestEvents.SOURCE_ID);
        assertThat(parsed.getHeader().getBatchId()).isEqualTo("b-20240520-001");
        assertThat(parsed.getHeader().getCreated()).isEqualTo(CREATED);
        assertThat(parsed.getVersion()).isEqualTo("1.0");
    }

    @Test
    void keepsEveryEventUnchanged() throws Exception {
        TraceEvent event = TestEvents.meatWholesale(7);

        TraceDocument parsed = read(write(null, event));

        assertThat(parsed.getEvent()).singleElement().usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void writesAValidEmptyDocumentWithoutBatchId() throws Exception {
        byte[] document = write(null);

        StandardSchema.validate(document);
        TraceDocument parsed = read(document);
        assertThat(parsed.getTrailer().getEventCount()).isZero();
        assertThat(parsed.getHeader().getBatchId()).isNull();
        assertThat(parsed.getEvent()).isEmpty();
    }

    @Test
    void countsTheEventsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StandardDocumentWriter writer = new StandardDocumentWriter(out, TestEvents.SOURCE_ID, null, CREATED)) {
            writer.write(TestEvents.meatWholesale(1));
            writer.write(TestEvents.meatWholesale(2));

            assertThat(writer.count()).isEqualTo(2);
        }
    }

    @Test
    void writesUtf8WithADeclaration() {
        String text = new String(write(null, TestEvents.meatWholesale()), StandardCharsets.UTF_8);

        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("上海西郊国际农产品交易有限公司");
    }

    @Test
    void escapesMarkupInValues() throws Exception {
        TraceEvent event = TestEvents.meatWholesale();
        event.getProduct().setName("猪肉 <精品> & 排骨");

        byte[] document = write(null, event);

        StandardSchema.validate(document);
        assertThat(read(document).getEvent().get(0).getProduct().getName()).isEqualTo("猪肉 <精品> & 排骨");
    }

    @Test
    void producesADocumentTheXsdRejectsWhenAnEventBreaksTheSchema() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getOperator().setUscc("9111000060003IOZSV"); // the XSD pattern excludes I, O, S, V, Z

        byte[] document = write(null, event);

        assertThatThrownBy(() -> StandardSchema.validate(document))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("9111000060003IOZSV");
    }

    private static byte[] write(String batchId, TraceEvent... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StandardDocumentWriter writer = new StandardDocumentWriter(out, TestEvents.SOURCE_ID, batchId, CREATED)) {
            for (TraceEvent event : events) {
                writer.write(event);
            }
        }
        return out.toByteArray();
    }

    private static TraceDocument read(byte[] document) throws Exception {
        Unmarshaller unmarshaller = StandardXml.context().createUnmarshaller();
        XMLStreamReader reader = StandardXml.secureInputFactory().createXMLStreamReader(new ByteArrayInputStream(document));
        return unmarshaller.unmarshal(reader, TraceDocument.class).getValue();
    }
}
