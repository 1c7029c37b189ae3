package org.tracehub.schemas.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.validation.ErrorCodes;
import org.xml.sax.SAXException;

/**
 * Hostile documents against every way the module reads XML: the single-event reader used for
 * staging, the streaming document reader, and the XSD validator. Each must refuse clearly and at
 * once — never expand entities, read a local file or open a connection. A loopback socket that
 * nobody answers stands in for "the network": a parser that fetched from it would hang (and time
 * out) or leave a connection in its backlog.
 */
class XmlSafetyTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    enum EntryPoint {
        SINGLE_EVENT(xml -> StandardXml.fromXml(xml)),
        STREAMING_READER(xml -> {
            try (StandardDocumentReader reader = new StandardDocumentReader(bytes(xml))) {
                reader.forEachRemaining(e -> { });
            }
        }),
        XSD_VALIDATOR(xml -> new StandardDocumentValidator().validate(bytes(xml)));

        final Consumer<String> read;

        EntryPoint(Consumer<String> read) {
            this.read = read;
        }
    }

    @TempDir
    Path dir;

    private ServerSocket network;
    private Path secretFile;
    private String secret;

    @BeforeEach
    void setUp() throws IOException {
        network = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        secret = "TOP-SECRET-" + UUID.randomUUID();
        secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
    }

    @AfterEach
    void noConnectionWasEverMade() throws IOException {
        network.setSoTimeout(200);
        try (Socket leaked = network.accept()) {
            throw new AssertionError("a parser connected to " + network.getLocalPort() + " from " + leaked.getRemoteSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nobody knocked
        } finally {
            network.close();
        }
    }

    @ParameterizedTest
    @EnumSource(EntryPoint.class)
    void refusesAnExternalEntityWithoutReadingTheFile(EntryPoint entry) {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE traceDocument [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>\n"
                + document("&xxe;");

        assertRefused(entry, xml);
    }

    @ParameterizedTest
    @EnumSource(EntryPoint.class)
    void refusesAnExternalEntityOnTheNetworkWithoutConnecting(EntryPoint entry) {
        String xml = "<!DOCTYPE traceDocument [<!ENTITY % remote SYSTEM \"" + url("evil.dtd") + "\"> %remote;]>\n" + document("X1");

        assertRefused(entry, xml);
    }

    @ParameterizedTest
    @EnumSource(EntryPoint.class)
    void refusesAnExternalDtdWithoutConnecting(EntryPoint entry) {
        String xml = "<!DOCTYPE traceDocument SYSTEM \"" + url("trace.dtd") + "\">\n" + document("X1");

        assertRefused(entry, xml);
    }

    @ParameterizedTest
    @EnumSource(EntryPoint.class)
    void refusesABillionLaughsAtOnce(EntryPoint entry) {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE traceDocument [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>\n");

        assertRefused(entry, dtd + document("&lol9;"));
    }

    @Test
    void ignoresASchemaLocationThatPointsToTheNetwork() {
        String xml = document("X1").replaceFirst("version=\"1.0\"",
                "version=\"1.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"urn:shanghai:trace:standard:1 " + url("trace.xsd") + "\"");

        List<SchemaViolation> violations = assertTimeoutPreemptively(AT_ONCE, () -> new StandardDocumentValidator().validate(bytes(xml)));

        assertThat(violations).isEmpty();
        try (StandardDocumentReader reader = new StandardDocumentReader(bytes(xml))) {
            assertThat(reader.events().count()).isOne();
        }
    }

    @Test
    void neverUsesASchemaADocumentPointsToOnDisk() throws IOException {
        // this schema would make the document valid, had the validator loaded it
        Path evil = Files.writeString(dir.resolve("evil.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:evil">
                  <xs:element name="root" type="xs:string"/>
                </xs:schema>""");
        String xml = "<e:root xmlns:e=\"urn:evil\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"urn:evil " + evil.toUri() + "\">x</e:root>";

        List<SchemaViolation> violations = assertTimeoutPreemptively(AT_ONCE, () -> new StandardDocumentValidator().validate(bytes(xml)));

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("e:root"));
    }

    @Test
    void refusesASchemaThatIncludesAnotherFromTheNetworkOrDisk() throws IOException {
        Path local = Files.writeString(dir.resolve("part.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\"/>");
        for (String reference : List.of(
                "<xs:include schemaLocation=\"" + url("part.xsd") + "\"/>",
                "<xs:include schemaLocation=\"" + local.toUri() + "\"/>",
                "<xs:import namespace=\"urn:y\" schemaLocation=\"" + url("other.xsd") + "\"/>",
                "<xs:import namespace=\"urn:y\" schemaLocation=\"" + local.toUri() + "\"/>")) {
            String xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\">" + reference + "</xs:schema>";

            assertTimeoutPreemptively(AT_ONCE, () -> assertThatThrownBy(
                    () -> StandardXml.secureSchemaFactory().newSchema(new StreamSource(new StringReader(xsd))))
                    .as(reference)
                    .isInstanceOf(SAXException.class)
                    .hasMessageContaining("accessExternalSchema"));
        }
    }

    @Test
    void refusesADtdInsideASchema() {
        String xsd = "<!DOCTYPE xs:schema SYSTEM \"" + url("XMLSchema.dtd") + "\">"
                + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\"/>";

        assertTimeoutPreemptively(AT_ONCE, () -> assertThatThrownBy(
                () -> StandardXml.secureSchemaFactory().newSchema(new StreamSource(new StringReader(xsd))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("accessExternalDTD"));
    }

    private void assertRefused(EntryPoint entry, String xml) {
        String target = entry == EntryPoint.SINGLE_EVENT ? xml.replaceFirst("(?s)<traceDocument.*?<event", "<event")
                .replaceFirst("(?s)</event>.*</traceDocument>", "</event>").replace("DOCTYPE traceDocument", "DOCTYPE event") : xml;

        Throwable thrown = assertTimeoutPreemptively(AT_ONCE, () -> {
            try {
                entry.read.accept(target);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        assertThat(thrown).as("%s read the document instead of refusing it", entry).isNotNull();
        assertThat(thrown).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_DOCTYPE_FORBIDDEN);
            assertThat(e.getMessage()).contains("DOCTYPE");
        });
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }

    private String url(String file) {
        return "http://127.0.0.1:" + network.getLocalPort() + "/" + file;
    }

    /** A valid one-event document whose trace code is the given raw XML text. */
    private static String document(String rawTraceCode) {
        var event = TestEvents.meatWholesale();
        event.setTraceCode("PLACEHOLDER");
        String written = new String(StandardDocumentReaderTest.write(null, List.of(event)), StandardCharsets.UTF_8);
        return written.substring(written.indexOf("<traceDocument")).replace("PLACEHOLDER", rawTraceCode);
    }

    private static ByteArrayInputStream bytes(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
