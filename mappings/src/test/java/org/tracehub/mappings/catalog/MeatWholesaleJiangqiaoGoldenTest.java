package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** meat-wholesale-jiangqiao: The wholesale market's daily XLSX report (second sheet, two title rows, 合计) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class MeatWholesaleJiangqiaoGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheTradesSheetSkippingTheTotalsAndRejectsTwoTrades() throws Exception {
        // row 15 lists its own lot as its input: loaded with an INPUT_IS_SELF warning and without that input
        assertThat(SampleGolden.check("meat", "meat-wholesale-jiangqiao", "江桥肉类交易日报_20261127.xlsx", tmp))
                .isEqualTo(new FileConversion.Counts(14, 12, 2, 1));
    }
}
