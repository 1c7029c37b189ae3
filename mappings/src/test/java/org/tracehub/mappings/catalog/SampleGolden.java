package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.GoldenFiles;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.MappingEngine;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.samples.SampleCorpus;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.xml.StandardDocumentWriter;
import org.xml.sax.SAXException;

/**
 * Golden-file check of one catalogue sample: converts {@code samples/<category>/<source>/input/<file>}
 * with the source's built-in spec, at a fixed clock (2026-11-28 08:00 in Shanghai), and compares the
 * whole standard document and the findings (every rejected or warned row) with
 * {@code expected/<file>.xml} and {@code expected/<file>.findings.csv}, printing both sides on a
 * difference; the document must also be valid against the standard's XSD. {@code -Dgolden.update=true} writes the expected files into ../samples/ instead —
 * review them by hand: they are the contract.
 */
public final class SampleGolden {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-28T08:00:00+08:00");
    static final String BATCH = "golden";

    private static final String XSD = "/xsd/trace-standard-1.xsd";
    private static final String FINDINGS_HEADER = "row,column,field,severity,code,value\n";

    private SampleGolden() {
    }

    /**
     * Converts the sample and compares it with its expected files.
     *
     * @param category the samples folder of the category ({@code meat}, {@code gas-cylinder} …)
     * @param source   the source id
     * @param file     the sample's file name under {@code input/}
     * @param tmp      a scratch folder (the sample is copied out of the samples jar)
     * @return the counts, for the caller to assert
     */
    static FileConversion.Counts check(String category, String source, String file, Path tmp) throws IOException {
        MappingSpec spec = SpecCatalog.load(null).source(source).orElseThrow(() -> new AssertionError("no built-in spec " + source));
        FileSpec fileSpec = spec.fileSpecFor(file).orElseThrow(() -> new AssertionError(source + " has no file kind matching " + file));
        Path input = SampleCorpus.copyTo(category + "/" + source + "/input/" + file, tmp);

        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        List<String> findings = new ArrayList<>();
        FileConversion.Counts counts;
        try (StandardDocumentWriter writer = new StandardDocumentWriter(xml, spec.source(), BATCH, CREATED)) {
            counts = new FileConversion(spec, fileSpec, new EventRules(CLOCK)).run(input,
                    new ConversionContext(spec.source(), BATCH, 1), row -> {
                        if (row instanceof ConvertedRow.Accepted a) {
                            writer.write(a.event());
                            a.warnings().forEach(w -> findings.add(line(w)));
                        } else if (row instanceof ConvertedRow.Rejected r) {
                            r.errors().forEach(e -> findings.add(line(e)));
                        }
                    });
        }
        assertValidAgainstTheStandard(source, xml.toByteArray());
        String base = file.substring(0, file.lastIndexOf('.'));
        String expected = category + "/" + source + "/expected/" + base;
        GoldenFiles.assertMatches(expected + ".xml", xml.toString(StandardCharsets.UTF_8));
        GoldenFiles.assertMatches(expected + ".findings.csv", FINDINGS_HEADER + String.join("\n", findings) + (findings.isEmpty() ? "" : "\n"));
        return counts;
    }

    /**
     * One row of a sample as its sender could also have written it: the row numbered {@code row} (as the sender sees it)
     * with some cells replaced, converted by the source's built-in spec at the fixed clock — how the specs meet the
     * everyday variants of a cell that the sample itself does not hold.
     *
     * @param cells column name (XML: path) → the cell's new text
     */
    public static ConvertedRow convertEdited(String category, String source, String file, long row, Map<String, String> cells, Path tmp)
            throws Exception {
        MappingSpec spec = SpecCatalog.load(null).source(source).orElseThrow(() -> new AssertionError("no built-in spec " + source));
        FileSpec fileSpec = spec.fileSpecFor(file).orElseThrow(() -> new AssertionError(source + " has no file kind matching " + file));
        Path input = SampleCorpus.copyTo(category + "/" + source + "/input/" + file, tmp);
        MappingEngine engine = new MappingEngine(spec, fileSpec, new EventRules(CLOCK));
        try (RecordReader reader = RecordReaders.open(fileSpec, input)) {
            engine.checkHeader(reader);
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                if (r.row() != row) {
                    continue;
                }
                List<String> edited = new ArrayList<>(r.cells());
                for (Map.Entry<String, String> cell : cells.entrySet()) {
                    Integer at = r.header().get(cell.getKey());
                    assertThat(at).as("column %s of %s", cell.getKey(), file).isNotNull();
                    while (edited.size() <= at) {
                        edited.add(null);
                    }
                    edited.set(at, cell.getValue());
                }
                return engine.convert(new RawRecord(r.row(), edited, r.header(), r.date1904(), r.width(), r.flaws(), r.hidden()),
                        new ConversionContext(spec.source(), BATCH, 1));
            }
        }
        throw new AssertionError(file + " has no row " + row);
    }

    /** Every produced document must be valid against the standard's XSD, not only equal to the expected one. */
    private static void assertValidAgainstTheStandard(String source, byte[] document) throws IOException {
        try (InputStream xsd = SampleGolden.class.getResourceAsStream(XSD)) {
            assertThat(xsd).as("the standard's XSD %s on the classpath", XSD).isNotNull();
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Validator validator = factory.newSchema(new StreamSource(xsd)).newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new StreamSource(new ByteArrayInputStream(document)));
        } catch (SAXException e) {
            throw new AssertionError("the standard document of " + source + " is not valid against " + XSD + ": " + e.getMessage(), e);
        }
    }

    private static String line(RowError e) {
        return String.join(",", Long.toString(e.row()), cell(e.column()), cell(e.field()), e.severity().name(), e.code(), cell(e.value()));
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
