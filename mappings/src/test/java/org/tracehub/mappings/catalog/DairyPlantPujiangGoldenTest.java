package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.schemas.validation.ErrorCodes;

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
}
