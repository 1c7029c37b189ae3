package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.samples.SampleCorpus;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;

/** dairy-plant-pujiang: The dairy plant's production report and dispatch lines (XML with namespaces and attributes) against their expected standard documents and findings. The planted mistakes are listed in samples/README.md. */
class DairyPlantPujiangGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheProductionBatchesAndRejectsFourBatches() throws Exception {
        assertThat(SampleGolden.check("dairy", "dairy-plant-pujiang", "MES_PROD_20261126.xml", tmp))
                .isEqualTo(new FileConversion.Counts(10, 6, 4, 0));
    }

    @Test
    void convertsTheDispatchLinesAndRejectsThreeLines() throws Exception {
        assertThat(SampleGolden.check("dairy", "dairy-plant-pujiang", "WMS_SHIP_20261127.xml", tmp))
                .isEqualTo(new FileConversion.Counts(8, 5, 3, 0));
    }

    @Test
    void refusesAShelfLifeInAnotherUnitThanDaysInsteadOfReadingSixMonthsAsSixDays() throws Exception {
        ConvertedRow months = SampleGolden.convertEdited("dairy", "dairy-plant-pujiang", "MES_PROD_20261126.xml", 10,
                Map.of("mes:ShelfLife", "6", "mes:ShelfLife/@unit", "m"), tmp);

        assertThat(months).isInstanceOf(ConvertedRow.Rejected.class);
        assertThat(((ConvertedRow.Rejected) months).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("extension.dairy.shelfLifeDays");
            assertThat(e.code()).isEqualTo(ErrorCodes.NUMBER_FORMAT);
            assertThat(e.value()).isEqualTo("6");
            assertThat(e.message()).contains("单位为m", "不是天");
        });
        for (String days : List.of("d", "天", "days")) {
            ConvertedRow row = SampleGolden.convertEdited("dairy", "dairy-plant-pujiang", "MES_PROD_20261126.xml", 10,
                    Map.of("mes:ShelfLife/@unit", days), tmp);
            assertThat(row).as(days).isInstanceOf(ConvertedRow.Accepted.class);
            assertThat(((ConvertedRow.Accepted) row).event().getExtension().getDairy().getShelfLifeDays()).as(days).hasToString("7");
        }
    }

    @Test
    void takesTheUnitOfADispatchLineFromItsQuantitysAttributeInsteadOfCountingEveryLineInCases() throws Exception {
        ConvertedRow litres = SampleGolden.convertEdited("dairy", "dairy-plant-pujiang", "WMS_SHIP_20261127.xml", 3,
                Map.of("wms:Qty/@unit", "升"), tmp);
        assertThat(litres).isInstanceOf(ConvertedRow.Accepted.class);
        assertThat(((ConvertedRow.Accepted) litres).event().getQuantity().getUnit()).isEqualTo("LTR");

        ConvertedRow unknown = SampleGolden.convertEdited("dairy", "dairy-plant-pujiang", "WMS_SHIP_20261127.xml", 3,
                Map.of("wms:Qty/@unit", "托"), tmp);
        assertThat(unknown).isInstanceOf(ConvertedRow.Rejected.class);
        assertThat(((ConvertedRow.Rejected) unknown).errors()).extracting(RowError::column, RowError::code, RowError::value)
                .containsExactly(tuple("wms:Qty/@unit", ErrorCodes.UNIT_UNKNOWN, "托"));
    }

    /** What an update of the MES might change at once: the qa namespace's version, an element's and an attribute's name. */
    @Test
    void refusesAProductionReportWhoseQaNamespaceVersionRoseInsteadOfLoadingItsBatchesWithoutInputsQuantityOrRelease() {
        UnaryOperator<String> update = xml -> renamedOutputAndLots(xml.replace("urn:pjy-dairy:qa:1.0", "urn:pjy-dairy:qa:2.0"));

        assertRefusedForItsLayout(update, "“urn:pjy-dairy:qa:1.0”（前缀qa）", "urn:pjy-dairy:qa:2.0");
    }

    @Test
    void refusesAProductionReportWhoseOwnNamespaceVersionRoseNamingBothInsteadOfCallingTenBatchesNoData() {
        UnaryOperator<String> update = xml -> xml.replace("urn:pjy-dairy:mes:production:2.1", "urn:pjy-dairy:mes:production:2.2");

        assertRefusedForItsLayout(update, "“urn:pjy-dairy:mes:production:2.1”（前缀mes），文件中为“urn:pjy-dairy:mes:production:2.2”");
    }

    @Test
    void warnsOnceForTheFileOfEachPathNoBatchOfTheProductionReportHoldsAnymoreWithoutPuttingItOnAnyBatch() throws Exception {
        List<ConvertedRow> rows = new ArrayList<>();
        FileConversion conversion = convertEditedProductionReport(DairyPlantPujiangGoldenTest::renamedOutputAndLots, rows);

        assertThat(conversion.fileWarnings()).extracting(RowError::row, RowError::column, RowError::field, RowError::severity,
                RowError::code).containsExactly(
                tuple(0L, "mes:RawMilk/@lots", "inputs", Severity.WARNING, ErrorCodes.XML_PATH_ABSENT),
                tuple(0L, "mes:Output", "quantity", Severity.WARNING, ErrorCodes.XML_PATH_ABSENT),
                tuple(0L, "mes:Output/@uom", "quantity", Severity.WARNING, ErrorCodes.XML_PATH_ABSENT));
        assertThat(conversion.fileWarnings().get(1).message())
                .contains("整个文件中没有任何一条记录含有“mes:Output”，所有记录的数量（含计量单位）都按空值处理");
        for (ConvertedRow row : rows) {
            List<RowError> problems = row instanceof ConvertedRow.Accepted a ? a.warnings() : ((ConvertedRow.Rejected) row).errors();
            assertThat(problems).as("row %d", row.row()).extracting(RowError::code).doesNotContain(ErrorCodes.XML_PATH_ABSENT);
        }
    }

    @Test
    void refusesAProductionReportWhoseBatchesLostTheAttributeTheirKeyAndTraceCodeAreRead() {
        UnaryOperator<String> update = xml -> xml.replace("<Batch id=", "<Batch batchId=");

        assertRefusedForItsLayout(update, "“@id”（唯一标识）");
    }

    @Test
    void refusesAProductionReportWithoutTheElementTheStandardsRequiredTimeIsRead() {
        UnaryOperator<String> update = xml -> xml.replace("<Start>", "<StartTime>").replace("</Start>", "</StartTime>");

        assertRefusedForItsLayout(update, "“mes:Start”（发生时间，标准规定必填）");
    }

    private void assertRefusedForItsLayout(UnaryOperator<String> edit, String... said) {
        assertThatThrownBy(() -> convertEditedProductionReport(edit)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.getMessage()).contains(said);
        });
    }

    private static String renamedOutputAndLots(String xml) {
        return xml.replace("<Output ", "<OutputQty ").replace("</Output>", "</OutputQty>").replace(" lots=", " lotNos=");
    }

    /** The sample production report edited, converted by the built-in spec at the golden clock: every row but the skipped. */
    private List<ConvertedRow> convertEditedProductionReport(UnaryOperator<String> edit) throws Exception {
        List<ConvertedRow> rows = new ArrayList<>();
        convertEditedProductionReport(edit, rows);
        return rows;
    }

    private FileConversion convertEditedProductionReport(UnaryOperator<String> edit, List<ConvertedRow> rows) throws Exception {
        MappingSpec spec = SpecCatalog.load(null).source("dairy-plant-pujiang").orElseThrow();
        String file = "MES_PROD_20261126.xml";
        Path input = SampleCorpus.copyTo("dairy/dairy-plant-pujiang/input/" + file, tmp);
        String original = Files.readString(input, StandardCharsets.UTF_8);
        String edited = edit.apply(original);
        assertThat(edited).as("the edit changes the sample").isNotEqualTo(original);
        Files.writeString(input, edited, StandardCharsets.UTF_8);
        FileConversion conversion = new FileConversion(spec, spec.fileSpecFor(file).orElseThrow(), new EventRules(SampleGolden.CLOCK));
        conversion.run(input, new ConversionContext(spec.source(), SampleGolden.BATCH, 1), rows::add);
        return conversion;
    }
}
