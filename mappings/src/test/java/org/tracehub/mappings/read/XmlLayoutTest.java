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

    /** {@link XmlRecordReaderTest#DOCUMENT} with the first record's fat content moved to the last record. */
    private static final String FAT_IN_THE_LAST_RECORD = XmlRecordReaderTest.DOCUMENT.replace("<q:Fat>3.6</q:Fat>", "")
            .replace("<q:Release result=\"不合格\" q:by=\"张三\"/>", "<q:Release result=\"不合格\" q:by=\"张三\"><q:Fat>3.1</q:Fat></q:Release>");

    @TempDir
    Path dir;

    @Test
    void findsEveryPathThatOccursInSomeRecordEvenOnlyInTheLast() throws Exception {
        try (RecordReader reader = open(FAT_IN_THE_LAST_RECORD)) {
            assertThat(reader.absentColumns()).isEmpty();
        }
    }

    @Test
    void namesThePathsThatOccurInNoRecordOfTheFile() throws Exception {
        String renamed = XmlRecordReaderTest.DOCUMENT.replace("<Lot>", "<LotNo>").replace("</Lot>", "</LotNo>")
                .replace(" region=", " regionCode=");

        try (RecordReader reader = open(renamed)) {
            assertThat(reader.absentColumns()).containsExactly("mes:RawMilk/mes:Lot", "mes:RawMilk/@region");
            assertThat(reader.next().cells().get(0)).as("the records are read as before").isEqualTo("PJY-2611-01");
        }
    }

    @Test
    void findsAPathOfTheLastRecordWhenRecordsShareALineToo() throws Exception {
        String oneLine = FAT_IN_THE_LAST_RECORD.replaceAll(">\\s+<", "><");

        try (RecordReader reader = open(oneLine)) {
            assertThat(reader.rowNumbering()).isEqualTo(org.tracehub.schemas.validation.RowNumbering.RECORDS);
            assertThat(reader.absentColumns()).isEmpty();
        }
        try (RecordReader reader = open(oneLine.replace("<q:Fat>3.1</q:Fat>", ""))) {
            assertThat(reader.absentColumns()).containsExactly("qa:Release/qa:Fat");
        }
    }

    @Test
    void refusesADocumentThatDeclaresAnotherVersionOfANamespaceTheSpecReadsNamingTheOneExpectedAndThoseDeclared() throws Exception {
        String raised = XmlRecordReaderTest.DOCUMENT.replace("urn:example:qa:1", "urn:example:qa:2");

        assertThatThrownBy(() -> open(raised)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.getMessage()).contains("“urn:example:qa:1”（前缀qa）", "文件中的元素Release在命名空间“urn:example:qa:2”中",
                    "文件声明的命名空间：urn:example:mes:2、urn:example:qa:2。");
        });
    }

    @Test
    void refusesADocumentWhoseRecordsAreInAnotherNamespaceNamingBothInsteadOfFindingNoRecord() throws Exception {
        String moved = XmlRecordReaderTest.DOCUMENT.replace("xmlns=\"urn:example:mes:2\"", "xmlns=\"urn:example:mes:3\"");

        assertThatThrownBy(() -> open(moved)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.getMessage()).contains("/mes:Report/mes:Batches/mes:Batch在文件中找不到",
                    "映射要求命名空间“urn:example:mes:2”（前缀mes），文件中为“urn:example:mes:3”");
        });
    }

    /** An exporter may declare a namespace only where it writes an element of it: no release yet, no qa namespace. */
    @Test
    void takesANamespaceDeclaredNowhereWhoseElementsOccurNowhereForAbsentPathsNotForAnotherVersion() throws Exception {
        String withoutQa = XmlRecordReaderTest.DOCUMENT.replace(" xmlns:q=\"urn:example:qa:1\"", "")
                .replaceAll("<q:Release[^>]*/>", "").replaceAll("<q:Release.*?</q:Release>", "");

        try (RecordReader reader = open(withoutQa)) {
            assertThat(reader.absentColumns()).containsExactly("qa:Release/@result", "qa:Release/qa:Report", "qa:Release/qa:Fat");
        }
    }

    @Test
    void judgesNothingOfADocumentItCannotReadToItsEndAndReportsItsFaultWhereItIs() throws Exception {
        String cut = XmlRecordReaderTest.DOCUMENT.replace("urn:example:qa:1", "urn:example:qa:2").replace("</Report>", "</Repor>");

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
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), XmlRecordReaderTest.SPEC.formatted("auto"), StandardCharsets.UTF_8);
        FileSpec spec = new SpecLoader().load(specFile).files().get(0);
        return new XmlRecordReader(Files.writeString(dir.resolve("MES_20261127.xml"), xml, StandardCharsets.UTF_8), spec);
    }
}
