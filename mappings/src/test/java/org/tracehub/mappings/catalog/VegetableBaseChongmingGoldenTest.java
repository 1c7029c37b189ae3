package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** vegetable-base-chongming: The production base's harvest register (XLS saved by a spreadsheet program) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class VegetableBaseChongmingGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheHarvestRegisterWithDateCellsSerialsAndTextDatesAndRejectsThreeLots() throws Exception {
        assertThat(SampleGolden.check("vegetable", "vegetable-base-chongming", "采收登记表_20261126.xls", tmp))
                .isEqualTo(new FileConversion.Counts(14, 11, 3, 0));
    }
}
