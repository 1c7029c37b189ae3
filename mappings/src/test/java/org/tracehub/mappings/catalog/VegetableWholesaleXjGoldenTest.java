package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** vegetable-wholesale-xj: The wholesale market's vegetable ledger (GB18030 CSV with 小计 and 合计 rows) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class VegetableWholesaleXjGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheLedgerSkippingSubtotalsAndTotalsAndRejectsFourTrades() throws Exception {
        assertThat(SampleGolden.check("vegetable", "vegetable-wholesale-xj", "蔬菜交易明细_20261127.csv", tmp))
                .isEqualTo(new FileConversion.Counts(14, 10, 4, 5));
    }
}
