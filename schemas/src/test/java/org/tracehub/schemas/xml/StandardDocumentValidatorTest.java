package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

class StandardDocumentValidatorTest {

    private final StandardDocumentValidator validator = new StandardDocumentValidator();

    @Test
    void findsNothingWrongWithAWrittenDocument() {
        byte[] document = StandardDocumentReaderTest.write("b-1", List.of(TestEvents.meatWholesale(1), TestEvents.meatWholesale(2)));

        assertThat(validator.validate(new ByteArrayInputStream(document))).isEmpty();
    }

    @Test
    void acceptsASingleEventAsADocumentOfItsOwn() {
        byte[] event = StandardXml.toXml(TestEvents.meatWholesale()).getBytes(StandardCharsets.UTF_8);

        assertThat(validator.validate(new ByteArrayInputStream(event))).isEmpty();
    }

    @Test
    void reportsEveryViolationWithItsLine() {
        TraceEvent badCode = TestEvents.meatWholesale(2);
        badCode.getOperator().setUscc("9111000060003IOZSV");
        TraceEvent badOrigin = TestEvents.meatWholesale(3);
        badOrigin.setOrigin("31011");
        byte[] document = StandardDocumentReaderTest.write(null, List.of(TestEvents.meatWholesale(1), badCode, badOrigin));

        List<SchemaViolation> violations = validator.validate(new ByteArrayInputStream(document));

        // the writer puts the header on line 3 and each event on a line of its own
        assertThat(violations).extracting(SchemaViolation::line).containsExactly(5L, 5L, 6L, 6L);
        assertThat(violations.get(0).message()).contains("9111000060003IOZSV");
        assertThat(violations.get(2).message()).contains("31011");
        assertThat(violations).allSatisfy(v -> assertThat(v.column()).isPositive());
    }

    @Test
    void stopsReportingAfterAHundredViolations() {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            TraceEvent event = TestEvents.meatWholesale(i);
            event.setEventId("NOT-AN-ID");
            events.add(event);
        }

        List<SchemaViolation> violations = validator.validate(new ByteArrayInputStream(StandardDocumentReaderTest.write(null, events)));

        assertThat(violations).hasSize(StandardDocumentValidator.MAX_VIOLATIONS);
    }

    @Test
    void refusesBytesThatAreNotWellFormed() {
        assertThatThrownBy(() -> validator.validate(new ByteArrayInputStream("<traceDocument><header>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(StandardDocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.XML_MALFORMED));
    }
}
