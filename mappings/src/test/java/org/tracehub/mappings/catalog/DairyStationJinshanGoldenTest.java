package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** dairy-station-jinshan: The collection station's intake export (semicolon-separated UTF-8 CSV) against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class DairyStationJinshanGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheIntakeRecordsAndRejectsFourDeliveries() throws Exception {
        assertThat(SampleGolden.check("dairy", "dairy-station-jinshan", "收奶记录_20261126.csv", tmp))
                .isEqualTo(new FileConversion.Counts(12, 8, 4, 0));
    }
}
