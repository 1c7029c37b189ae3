package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

class StandardXmlTest {

    private static final Path PASSWD = Path.of("/etc/passwd");

    @Test
    void roundTripsAnEventUnchanged() {
        TraceEvent event = TestEvents.meatWholesale();

        TraceEvent readBack = StandardXml.fromXml(StandardXml.toXml(event));

        assertThat(readBack).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void keepsTheTimesOffsetAndTheQuantitysScale() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTime(OffsetDateTime.of(2024, 5, 20, 4, 30, 0, 0, ZoneOffset.ofHours(8)));
        event.setQuantity(TestEvents.quantity("6.250", "KGM"));

        String xml = StandardXml.toXml(event);
        TraceEvent readBack = StandardXml.fromXml(xml);

        assertThat(xml).contains("2024-05-20T04:30:00+08:00").contains("6.250");
        assertThat(readBack.getTime()).isEqualTo(event.getTime());
        assertThat(readBack.getQuantity().getValue()).isEqualTo(event.getQuantity().getValue());
    }

    @Test
    void writesTheEventInTheStandardsNamespace() {
        String xml = StandardXml.toXml(TestEvents.meatWholesale());

        assertThat(xml).doesNotStartWith("<?xml").contains("urn:shanghai:trace:standard:1").contains("白条猪肉");
    }

    @Test
    void writesAnEventThatTheXsdAcceptsAsAGlobalElement() throws Exception {
        String xml = StandardXml.toXml(TestEvents.meatWholesale());

        StandardSchema.validate(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAnEventWithAValueItCannotConvertInsteadOfLeavingItEmpty() {
        String xml = StandardXml.toXml(TestEvents.meatWholesale()).replaceFirst("<time>[^<]+</time>", "<time>2024-05-20 04:30</time>");

        assertThatThrownBy(() -> StandardXml.fromXml(xml)).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
            assertThat(e.getMessage()).contains("<time>").contains("2024-05-20 04:30");
        });
    }

    @Test
    void refusesSomethingThatIsNotAnEvent() {
        assertThatThrownBy(() -> StandardXml.fromXml("<event xmlns=\"urn:shanghai:trace:standard:1\"><unclosed>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a trace event of the standard");
    }

    @Test
    void refusesAnExternalEntityAndNeverRevealsTheFile() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE event [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + withTraceCode("&xxe;");

        assertRefusedWithoutLeak(xml);
    }

    @Test
    void refusesAnExternalParameterEntity() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE event [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
                + withTraceCode("XJ1");

        assertRefusedWithoutLeak(xml);
    }

    @Test
    void refusesAnExternalDtd() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE event SYSTEM \"file:///etc/passwd\">\n"
                + withTraceCode("XJ1");

        assertRefusedWithoutLeak(xml);
    }

    @Test
    void refusesADoctypeEvenWhenItDeclaresNothing() {
        assertThatThrownBy(() -> StandardXml.fromXml("<!DOCTYPE event>\n" + withTraceCode("XJ1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void readsAnEventPrecededByDeclarationAndComment() {
        TraceEvent event = StandardXml.fromXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- 西郊 -->\n"
                + withTraceCode("XJ1"));

        assertThat(event.getTraceCode()).isEqualTo("XJ1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&lol9;", "&lol1;"})
    void refusesInternalEntityExpansion(String reference) {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE event [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String prev = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">");
        }
        dtd.append("]>");

        assertThatThrownBy(() -> StandardXml.fromXml(dtd + withTraceCode(reference)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefusedWithoutLeak(String xml) throws Exception {
        Throwable thrown = null;
        TraceEvent parsed = null;
        try {
            parsed = StandardXml.fromXml(xml);
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("parsed instead of refused: traceCode=%s",
                parsed == null ? null : parsed.getTraceCode()).isNotNull();
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);

        List<String> secrets = new ArrayList<>(List.of("root:x:0:0", "/bin/"));
        if (Files.isReadable(PASSWD)) {
            Files.readAllLines(PASSWD).stream().filter(l -> !l.isBlank()).findFirst().ifPresent(secrets::add);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()) + t;
            for (String secret : secrets) {
                assertThat(text).as("message of %s", t.getClass().getName()).doesNotContain(secret);
            }
        }
    }

    /** A valid event whose trace code is the given raw XML text. */
    private static String withTraceCode(String rawTraceCode) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTraceCode("PLACEHOLDER");
        return StandardXml.toXml(event).replace("PLACEHOLDER", rawTraceCode);
    }
}
