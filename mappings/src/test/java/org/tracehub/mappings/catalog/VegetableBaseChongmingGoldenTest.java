package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.schemas.validation.ErrorCodes;

/** vegetable-base-chongming: The production base's harvest register (XLS saved by a spreadsheet program) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class VegetableBaseChongmingGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheHarvestRegisterWithDateCellsSerialsAndTextDatesAndRejectsThreeLots() throws Exception {
        assertThat(SampleGolden.check("vegetable", "vegetable-base-chongming", "采收登记表_20261126.xls", tmp))
                .isEqualTo(new FileConversion.Counts(14, 11, 3, 0));
    }

    @Test
    void aRowWithoutItsPlotIsRejectedNamingThePlotColumnNotStoredAsTheBarePrefix() throws Exception {
        // stored as CM021- the row would replace the co-operative's known node code
        for (String blank : new String[] {"", "\u3000", "无"}) {
            ConvertedRow row = SampleGolden.convertEdited("vegetable", "vegetable-base-chongming", "采收登记表_20261126.xls", 4,
                    Map.of("地块编号", blank), tmp);

            assertThat(row).as("地块编号 “%s”", blank).isInstanceOfSatisfying(ConvertedRow.Rejected.class, r -> assertThat(r.errors())
                    .extracting(RowError::column, RowError::field, RowError::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("地块编号", "operator.nodeCode", ErrorCodes.FIELD_REQUIRED)));
            assertThat(((ConvertedRow.Rejected) row).errors().get(0).message()).startsWith("缺少必填项：地块编号");
        }
    }
}
