package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+8613800000000", "-35", "@SUM(A1:A9)", "\t=cmd", "\r=cmd", "=HYPERLINK(\"http://x\")"})
    void prefixesCellsASpreadsheetWouldEvaluateWithAnApostrophe(String value) {
        assertThat(CsvCells.safe(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"白条猪", "XJM2611270001", "128.25", "1=1", "a-b", "'already quoted", " =leading space"})
    void leavesOrdinaryCellsAlone(String value) {
        assertThat(CsvCells.safe(value)).isEqualTo(value);
    }

    @Test
    void writesNothingForAMissingValue() {
        assertThat(CsvCells.safe(null)).isEmpty();
        assertThat(CsvCells.safe("")).isEmpty();
    }
}
