package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** meat-supermarket-lianjia: The supermarket's receiving export (UTF-8 CSV with a BOM) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class MeatSupermarketLianjiaGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheReceivingLinesAndRejectsThreeLines() throws Exception {
        assertThat(SampleGolden.check("meat", "meat-supermarket-lianjia", "收货明细_20261127.csv", tmp))
                .isEqualTo(new FileConversion.Counts(12, 9, 3, 0));
    }
}
