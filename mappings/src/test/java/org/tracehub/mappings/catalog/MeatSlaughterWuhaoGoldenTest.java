package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** meat-slaughter-wuhao: The slaughterhouse's inspection ledger and sale ledger (GBK CSV) against their expected standard documents and findings. The planted mistakes are listed in samples/README.md. */
class MeatSlaughterWuhaoGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheInspectionLedgerRejectsTheThreeBadLotsAndKeepsTheDetainedOne() throws Exception {
        assertThat(SampleGolden.check("meat", "meat-slaughter-wuhao", "屠宰检验_20261126.csv", tmp))
                .isEqualTo(new FileConversion.Counts(18, 15, 3, 0));
    }

    @Test
    void convertsTheSaleLedgerSkippingTheFooterAndRejectsThreeSales() throws Exception {
        assertThat(SampleGolden.check("meat", "meat-slaughter-wuhao", "销售明细_20261126.csv", tmp))
                .isEqualTo(new FileConversion.Counts(13, 10, 3, 1));
    }
}
