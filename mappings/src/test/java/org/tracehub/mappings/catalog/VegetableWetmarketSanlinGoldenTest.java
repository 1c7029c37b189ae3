package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** vegetable-wetmarket-sanlin: The wet market's stall purchase ledger (XLSX, grouped header, 小计 per stall) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class VegetableWetmarketSanlinGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheStallPurchasesSkippingSubtotalsAndRejectsThreeRows() throws Exception {
        // row 12's credit code typed in lower case is upper-cased and accepted (GB 32100 has no lower-case letters)
        assertThat(SampleGolden.check("vegetable", "vegetable-wetmarket-sanlin", "三林菜场进货台账_20261127.xlsx", tmp))
                .isEqualTo(new FileConversion.Counts(11, 8, 3, 4));
    }
}
