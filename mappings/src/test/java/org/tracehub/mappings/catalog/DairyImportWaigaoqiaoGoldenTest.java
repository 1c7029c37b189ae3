package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** dairy-import-waigaoqiao: The importer's arrivals ledger (XLSX, second sheet, Excel serial dates) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class DairyImportWaigaoqiaoGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheArrivalsLedgerAndRejectsFourLines() throws Exception {
        assertThat(SampleGolden.check("dairy", "dairy-import-waigaoqiao", "进口乳品入库台账_202611.xlsx", tmp))
                .isEqualTo(new FileConversion.Counts(13, 9, 4, 0));
    }
}
