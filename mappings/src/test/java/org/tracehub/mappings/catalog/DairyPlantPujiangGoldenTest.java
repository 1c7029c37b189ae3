package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

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
}
