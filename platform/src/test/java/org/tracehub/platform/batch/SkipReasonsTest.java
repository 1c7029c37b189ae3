package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkipReasonsTest {

    @Test
    void countsEachReasonInTheOrderFirstMet() {
        SkipReasons reasons = SkipReasons.NONE.plus("空行").plus("序号=合计").plus("空行");

        assertThat(reasons.entries()).containsExactly(new SkipReasons.Entry("空行", 2), new SkipReasons.Entry("序号=合计", 1));
        assertThat(reasons.text(3)).isEqualTo("空行 2，序号=合计 1");
    }

    @Test
    void keepsAFewReasonsAndSumsTheRestAsOtherWhateverTheFileHolds() {
        SkipReasons reasons = SkipReasons.NONE;
        for (int i = 0; i < 1000; i++) {
            reasons = reasons.plus("序号=小计" + i);
        }

        assertThat(reasons.entries()).hasSize(SkipReasons.MAX_REASONS + 1);
        assertThat(reasons.entries().get(SkipReasons.MAX_REASONS)).isEqualTo(new SkipReasons.Entry("其他", 1000 - SkipReasons.MAX_REASONS));
        assertThat(reasons.rows()).isEqualTo(1000);
        // a reason already kept is still counted under its own name
        assertThat(reasons.plus("序号=小计0").entries().get(0)).isEqualTo(new SkipReasons.Entry("序号=小计0", 2));
    }

    @Test
    void aLongSkipExpressionIsCutAndEveryTallyFitsItsColumn() {
        SkipReasons reasons = SkipReasons.NONE;
        for (int i = 0; i < SkipReasons.MAX_REASONS; i++) {
            reasons = reasons.plus("\u0001".repeat(300) + i);
        }

        String encoded = reasons.encoded();

        assertThat(encoded.length()).isLessThanOrEqualTo(SkipReasons.COLUMN_LENGTH);
        assertThat(SkipReasons.decode(encoded).rows()).isEqualTo(SkipReasons.MAX_REASONS);
        assertThat(reasons.entries()).allSatisfy(e -> assertThat(e.reason().length()).isLessThanOrEqualTo(SkipReasons.REASON_LENGTH));
    }

    @Test
    void readsBackWhatItWroteAndCountsRowsItHasNoReasonForAsOther() {
        SkipReasons reasons = SkipReasons.decode(SkipReasons.NONE.plus("['备注'] == '作废'").plus("空行").encoded());

        assertThat(reasons.entries()).containsExactly(new SkipReasons.Entry("['备注'] == '作废'", 1), new SkipReasons.Entry("空行", 1));
        assertThat(reasons.text(5)).as("3 skipped before the reasons were kept").isEqualTo("['备注'] == '作废' 1，空行 1，其他 3");
        assertThat(SkipReasons.decode(null)).isEqualTo(SkipReasons.NONE);
        assertThat(SkipReasons.decode("not json")).isEqualTo(SkipReasons.NONE);
    }
}
