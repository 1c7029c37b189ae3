package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.validation.ErrorCodes;

/** What the XML reader's first pass finds of a document's layout against the spec: paths in no record, another namespace. */
class XmlLayoutTest {

    private static final String SPEC = """
            source: xml-layout
            category: DAIRY
            files:
              - match: "*.xml"
                format: xml
                record: "/mes:Report/mes:Batches/mes:Batch"
                namespaces: { mes: "urn:example:mes:2", qa: "urn:example:qa:1" }
                step: PROCESS
                key: ["@id"]
                fields:
                  traceCode: { path: "@id" }
                  product.name: { path: "mes:Product/mes:Name" }
                  quantity: { path: "mes:Output", unitColumn: "mes:Output/@uom" }
                  inputs: { path: "mes:RawMilk/@lots", split: " " }
                  certificates.TEST_REPORT: { path: "qa:Release/@report" }
                  extension.dairy.fatPercent: { path: "qa:Release/qa:Fat" }
            """;

    /** Every path occurs, some in one record only: the last one's fat content, the first one's lots. */
    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Report xmlns="urn:example:mes:2" xmlns:q="urn:example:qa:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Batches>
                <Batch id="B1"><Product><Name>纯牛奶</Name></Product><Output uom="瓶">10</Output><RawMilk lots="L1"/></Batch>
                <Batch id="B2"><Product><Name>酸奶</Name></Product><Output uom="盒">20</Output><q:Release report="QC2"/></Batch>
                <Batch id="B3"><Output uom="瓶">30</Output><q:Release report="QC3"><q:Fat>3.6</q:Fat></q:Release></Batch>
              </Batches>
            </Report>
            """;

    @TempDir
    Path dir;

    @Test
    void findsEveryPathThatOccursInSomeRecordEvenOnlyInTheLast() throws Exception {
        try (RecordReader reader = open(DOCUMENT)) {
            assertThat(reader.absentColumns()).isEmpty();
        }
    }

    @Test
    void namesThePathsThatOccurInNoRecordOfTheFile() throws Exception {
        String renamed = DOCUMENT.replace("<Output ", "<OutputQty ").replace("</Output>", "</OutputQty>").replace("lots=", "lotNos=");

        try (RecordReader reader = open(renamed)) {
            assertThat(reader.absentColumns()).containsExactly("mes:Output", "mes:Output/@uom", "mes:RawMilk/@lots");
            assertThat(reader.next().cells()).contains("B1", "纯牛奶");
        }
    }

    @Test
    void findsAPathOfTheLastRecordWhenRecordsShareALineToo() throws Exception {
        String oneLine = DOCUMENT.replaceAll(">\\s+<", "><");

        try (RecordReader reader = open(oneLine)) {
            assertThat(reader.rowNumbering()).isEqualTo(org.tracehub.schemas.validation.RowNumbering.RECORDS);
            assertThat(reader.absentColumns()).isEmpty();
        }
        try (RecordReader reader = open(oneLine.replace("<q:Fat>3.6</q:Fat>", ""))) {
            assertThat(reader.absentColumns()).containsExactly("qa:Release/qa:Fat");
        }
    }

    @Test
    void refusesADocumentThatDeclaresAnotherVersionOfANamespaceTheSpecReadsNamingTheOneExpectedAndThoseDeclared() throws Exception {
        String raised = DOCUMENT.replace("urn:example:qa:1", "urn:example:qa:2");

        assertThatThrownBy(() -> open(raised)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.getMessage()).contains("“urn:example:qa:1”（前缀qa）", "文件中的元素Release在命名空间“urn:example:qa:2”中",
                    "文件声明的命名空间：urn:example:mes:2、urn:example:qa:2、http://www.w3.org/2001/XMLSchema-instance");
        });
    }

    @Test
    void refusesADocumentWhoseRecordsAreInAnotherNamespaceNamingBothInsteadOfFindingNoRecord() throws Exception {
        String moved = DOCUMENT.replace("xmlns=\"urn:example:mes:2\"", "xmlns=\"urn:example:mes:3\"");

        assertThatThrownBy(() -> open(moved)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.getMessage()).contains("/mes:Report/mes:Batches/mes:Batch在文件中找不到",
                    "映射要求命名空间“urn:example:mes:2”（前缀mes），文件中为“urn:example:mes:3”");
        });
    }

    /** An exporter may declare a namespace only where it writes an element of it: no release yet, no qa namespace. */
    @Test
    void takesANamespaceDeclaredNowhereWhoseElementsOccurNowhereForAbsentPathsNotForAnotherVersion() throws Exception {
        String withoutQa = DOCUMENT.replace(" xmlns:q=\"urn:example:qa:1\"", "").replaceAll("<q:Release[^/]*/>", "")
                .replaceAll("<q:Release.*</q:Release>", "");

        try (RecordReader reader = open(withoutQa)) {
            assertThat(reader.absentColumns()).containsExactly("qa:Release/@report", "qa:Release/qa:Fat");
        }
    }

    @Test
    void judgesNothingOfADocumentItCannotReadToItsEndAndReportsItsFaultWhereItIs() throws Exception {
        String cut = DOCUMENT.replace("urn:example:qa:1", "urn:example:qa:2").replace("</Report>", "</Repor>");

        try (RecordReader reader = open(cut)) {
            assertThat(reader.absentColumns()).isEmpty();
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(() -> {
                while (reader.next() != null) {
                    // read to the fault
                }
            }).isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED));
        }
    }

    private RecordReader open(String xml) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), SPEC, StandardCharsets.UTF_8);
        FileSpec spec = new SpecLoader().load(specFile).files().get(0);
        return new XmlRecordReader(Files.writeString(dir.resolve("MES_20261127.xml"), xml, StandardCharsets.UTF_8), spec);
    }
}
