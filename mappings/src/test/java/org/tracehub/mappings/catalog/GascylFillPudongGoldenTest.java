package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.schemas.standard.v1.TraceEvent;

/** gascyl-fill-pudong: The filling station's tab-separated GBK export against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class GascylFillPudongGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheFillingsAndRejectsFourFillings() throws Exception {
        assertThat(SampleGolden.check("gas-cylinder", "gascyl-fill-pudong", "充装记录_20261126.csv", tmp))
                .isEqualTo(new FileConversion.Counts(14, 10, 4, 0));
    }

    @Test
    void readsTicksCrossesAndTheMediumAsClerksAlsoWriteThem() throws Exception {
        TraceEvent ticked = accepted(SampleGolden.convertEdited("gas-cylinder", "gascyl-fill-pudong", "充装记录_20261126.csv", 2,
                Map.of("充装前检查", "✓", "充装后检查", "合格", "介质", "lpg"), tmp));
        assertThat(ticked.getExtension().getGasCylinder().getPreFillCheck()).hasToString("PASS");
        assertThat(ticked.getExtension().getGasCylinder().getPostFillCheck()).hasToString("PASS");
        assertThat(ticked.getExtension().getGasCylinder().getMedium()).isEqualTo("液化石油气");

        TraceEvent crossed = accepted(SampleGolden.convertEdited("gas-cylinder", "gascyl-fill-pudong", "充装记录_20261126.csv", 2,
                Map.of("充装前检查", "✔", "充装后检查", "✘", "介质", "液化气"), tmp));
        assertThat(crossed.getExtension().getGasCylinder().getPreFillCheck()).hasToString("PASS");
        assertThat(crossed.getExtension().getGasCylinder().getPostFillCheck()).hasToString("FAIL");
        assertThat(crossed.getExtension().getGasCylinder().getMedium()).isEqualTo("液化石油气");
    }

    private static TraceEvent accepted(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Accepted.class);
        return ((ConvertedRow.Accepted) row).event();
    }
}
