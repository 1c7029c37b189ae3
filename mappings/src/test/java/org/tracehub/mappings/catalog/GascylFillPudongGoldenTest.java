package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** gascyl-fill-pudong: The filling station's tab-separated GBK export against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class GascylFillPudongGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheFillingsAndRejectsFourFillings() throws Exception {
        assertThat(SampleGolden.check("gas-cylinder", "gascyl-fill-pudong", "充装记录_20261126.csv", tmp))
                .isEqualTo(new FileConversion.Counts(14, 10, 4, 0));
    }
}
