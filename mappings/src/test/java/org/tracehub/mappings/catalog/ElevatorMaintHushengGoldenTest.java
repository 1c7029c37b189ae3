package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.engine.FileConversion;

/** elevator-maint-husheng: The maintenance company's GBK XML in the city platform's style against its expected standard document and findings. The planted mistakes are listed in samples/README.md. */
class ElevatorMaintHushengGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void convertsTheMaintenanceRecordsAndRejectsThreeRecords() throws Exception {
        // seq=5 has no registration code: its equipment code is its trace code (STANDARDS.md accepts either)
        assertThat(SampleGolden.check("elevator", "elevator-maint-husheng", "wb_maint_20261126.xml", tmp))
                .isEqualTo(new FileConversion.Counts(12, 9, 3, 0));
    }
}
