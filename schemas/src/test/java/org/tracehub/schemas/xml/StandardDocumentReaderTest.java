package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Step;
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

    /** xs:date allows a zone (2027-04-18+08:00, 2027-04-18Z): the XSD accepts it, so the reader keeps its local date. */
    @ParameterizedTest
    @ValueSource(strings = {"2025-05-19+08:00", "2025-05-19Z", "2025-05-19-05:00", " 2025-05-19 "})
    void readsADateWithAZoneAsTheDateItNames(String date) {
        String document = elevatorDocument().replace("<nextInspectionDate>2025-05-19</nextInspectionDate>",
                "<nextInspectionDate>" + date + "</nextInspectionDate>");

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            assertThat(reader.next().getExtension().getElevator().getNextInspectionDate()).isEqualTo(LocalDate.of(2025, 5, 19));
        }
    }

    /** xs:dateTime writes the end of a day as 24:00:00, which is the next day's 00:00:00. */
    @ParameterizedTest
    @ValueSource(strings = {"2024-05-19T24:00:00+08:00", "2024-05-19T24:00:00.000+08:00"})
    void readsTheEndOfADayWrittenAs24AsMidnightOfTheNextDay(String time) {
        String document = new String(write(null, List.of(TestEvents.meatWholesale(1))), StandardCharsets.UTF_8)
                .replaceFirst("<time>[^<]+</time>", "<time>" + time + "</time>");

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            assertThat(reader.next().getTime()).isEqualTo(OffsetDateTime.of(2024, 5, 20, 0, 0, 0, 0, TestEvents.SHANGHAI));
        }
    }

    /** A value JAXB cannot convert used to leave the field null without a word: a required date then read as missing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<nextInspectionDate>2025-05-19</nextInspectionDate> | <nextInspectionDate>2025-02-30</nextInspectionDate> | nextInspectionDate | 2025-02-30",
            "<time>2024-05-20T04:30:15+08:00</time> | <time>2024-05-20T25:30:15+08:00</time> | time | 2024-05-20T25:30:15+08:00",
            "<quantity unit=\"KGM\">125.5</quantity> | <quantity unit=\"KGM\">125.5O</quantity> | quantity | 不是有效的数值"})
    void refusesAValueItCannotConvertNamingTheElementInsteadOfLeavingItEmpty(String written, String broken, String element, String shown) {
        String document = elevatorDocument();
        assertThat(document).contains(written);

        try (StandardDocumentReader reader = reader(document.replace(written, broken).getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.getMessage()).startsWith("第4行：第1条事件的元素<" + element + ">的值无法读取").contains(shown);
            });
        }
    }

    @Test
    void refusesAHeaderWhoseCreationTimeItCannotConvert() {
        String document = new String(write(null, List.of()), StandardCharsets.UTF_8).replaceFirst("<created>[^<]+</created>",
                "<created>2024-05-20 12:00</created>");

        assertThatThrownBy(() -> reader(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(StandardDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
                    assertThat(e.getMessage()).contains("<created>").contains("2024-05-20 12:00");
                });
    }

    /** Later 1.x revisions add optional elements: a reader of this one skips them, as the standard's versioning promises. */
    @Test
    void readsAnEventCarryingAnElementOfALaterRevision() {
        String document = elevatorDocument().replace("<maintenanceType>", "<liftModel>KONE MonoSpace</liftModel><maintenanceType>");

        try (StandardDocumentReader reader = reader(document.getBytes(StandardCharsets.UTF_8))) {
            assertThat(reader.next().getExtension().getElevator().getMaintenanceType()).isEqualTo("半月保养");
        }
    }

    /** One elevator inspection, its event on line 4 (after the XML declaration, the root and the header). */
    private static String elevatorDocument() {
        return new String(write(null, List.of(TestEvents.complete(Category.ELEVATOR, Step.INSPECT))), StandardCharsets.UTF_8);
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
