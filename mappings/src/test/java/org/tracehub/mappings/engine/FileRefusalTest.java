package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The rule the CLI's convert and the spec dry run judge a file by, with the import job's arithmetic. */
class FileRefusalTest {

    @Test
    void refusesAFileWithoutDataRowsWhateverTheThreshold() {
        assertThat(FileRefusal.of(new FileConversion.Counts(0, 0, 0, 3), BigDecimal.ONE))
                .contains(new FileRefusal("FILE_EMPTY", "文件中没有数据行"));
    }

    @Test
    void refusesOnlyAShareOfRejectedRowsAboveTheThresholdNotOneEqualToIt() {
        BigDecimal half = new BigDecimal("0.5");

        assertThat(FileRefusal.of(new FileConversion.Counts(10, 5, 5, 0), half)).isEmpty();
        assertThat(FileRefusal.of(new FileConversion.Counts(10, 4, 6, 0), half).orElseThrow().message())
                .isEqualTo("被拒绝的行数（6/10）超过本来源允许的比例50%，服务器会拒收整个文件");
    }

    /** 1/3 is 0.333333 to six places, half-up, as StageOutcomeTasklet computes it: not above a threshold of 0.333333. */
    @Test
    void comparesTheShareRoundedHalfUpToSixPlacesAsTheImportJobDoes() {
        assertThat(FileRefusal.exceedsThreshold(1, 3, new BigDecimal("0.333333"))).isFalse();
        assertThat(FileRefusal.exceedsThreshold(2, 3, new BigDecimal("0.666666"))).isTrue();
        assertThat(FileRefusal.exceedsThreshold(2, 3, new BigDecimal("0.666667"))).isFalse();
        assertThat(FileRefusal.exceedsThreshold(1, 1, BigDecimal.ZERO)).isTrue();
        assertThat(FileRefusal.exceedsThreshold(0, 1, BigDecimal.ZERO)).isFalse();
    }
}
