package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.ConvertedRow;
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

    @Test
    void readsAQuickTestsNegativeAsPassedAndItsPositiveAsFailed() throws Exception {
        for (Map.Entry<String, String> result : Map.of("阴性", "PASS", "通过", "PASS", "阳性", "FAIL", "不通过", "FAIL").entrySet()) {
            ConvertedRow row = SampleGolden.convertEdited("vegetable", "vegetable-wholesale-xj", "蔬菜交易明细_20261127.csv", 2,
                    Map.of("农残检测", result.getKey()), tmp);
            assertThat(row).as(result.getKey()).isInstanceOf(ConvertedRow.Accepted.class);
            assertThat(((ConvertedRow.Accepted) row).event().getExtension().getVegetable().getPesticideTestResult()).as(result.getKey())
                    .hasToString(result.getValue());
        }
    }

    @Test
    void splitsTheLotsOfOneTradeWhateverSeparatorTheClerkTyped() throws Exception {
        for (String lots : List.of("CMV2611260001;CMV2611260002", "CMV2611260001、CMV2611260002", "CMV2611260001，CMV2611260002",
                "CMV2611260001,CMV2611260002")) {
            ConvertedRow row = SampleGolden.convertEdited("vegetable", "vegetable-wholesale-xj", "蔬菜交易明细_20261127.csv", 2,
                    Map.of("进场批次", lots), tmp);
            assertThat(row).as(lots).isInstanceOf(ConvertedRow.Accepted.class);
            assertThat(((ConvertedRow.Accepted) row).event().getInputs().getInput()).as(lots).containsExactly("CMV2611260001", "CMV2611260002");
        }
    }
}
