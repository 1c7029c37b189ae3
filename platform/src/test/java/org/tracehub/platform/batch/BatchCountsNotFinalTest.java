package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchCountsNotFinalTest {

    @Test
    void onlyARunTheHubStoppedBeforeCountingHasCountsThatAreNotFinal() {
        assertThat(failed("PROCESSING_ERROR", 0).countsNotFinal()).isTrue();
        assertThat(failed("SPEC_CHANGED", 0).countsNotFinal()).isTrue();
        assertThat(failed("SPEC_MISSING", 0).countsNotFinal()).isTrue();
        assertThat(failed("FILE_MALFORMED", 0).countsNotFinal()).as("the file refused: its own message says so").isFalse();
        assertThat(failed("PROCESSING_ERROR", 10).countsNotFinal()).as("a load that failed after staging").isFalse();
        assertThat(failed("FILE_EMPTY", 0).countsNotFinal()).as("refused by the stage step, counted").isFalse();
    }

    private static Batch failed(String code, long read) {
        return new Batch("20261127-1f3a9c0b2d", "s", "a.csv", "a.csv", "archive/a.csv", 1, "ab".repeat(32), null, Transport.SFTP,
                null, BatchStatus.FAILED, 1, null, read, read, 0, 0, 0, code, "…", null);
    }
}
