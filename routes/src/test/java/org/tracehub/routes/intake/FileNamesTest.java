package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @Test
    void keepsAnOrdinaryChineseNameUnchanged() {
        assertThat(FileNames.sanitize("交易明细_20261127.csv")).isEqualTo("交易明细_20261127.csv");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../x|x",
            "../../etc/passwd|passwd",
            "a/b\\c.csv|c.csv",
            "C:\\exports\\交易明细_1.csv|交易明细_1.csv",
            "/abs/path/交易明细_1.csv|交易明细_1.csv"})
    void dropsEveryPathComponent(String sent, String stored) {
        assertThat(FileNames.sanitize(sent)).isEqualTo(stored);
    }

    @Test
    void replacesControlCharactersAndCharactersWindowsForbids() {
        assertThat(FileNames.sanitize("交易\u0000明细\n_1\t.csv")).isEqualTo("交易_明细__1_.csv");
        assertThat(FileNames.sanitize("a\u007fb\u0085c.csv")).isEqualTo("a_b_c.csv");
        assertThat(FileNames.sanitize("a<b>c:d\"e|f?g*h.csv")).isEqualTo("a_b_c_d_e_f_g_h.csv");
    }

    @ParameterizedTest
    @CsvSource({
            "CON, file_CON",
            "con.csv, file_con.csv",
            "NUL.txt, file_NUL.txt",
            "aux, file_aux",
            "PRN.csv, file_PRN.csv",
            "COM1.csv, file_COM1.csv",
            "lpt9, file_lpt9"})
    void prefixesNamesWindowsReserves(String sent, String stored) {
        assertThat(FileNames.sanitize(sent)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"console.csv", "community.csv", "nullable.txt", "auxiliary"})
    void leavesNamesThatOnlyStartLikeAReservedOne(String name) {
        assertThat(FileNames.sanitize(name)).isEqualTo(name);
    }

    @Test
    void dropsLeadingDotsSoNothingIsHidden() {
        assertThat(FileNames.sanitize(".hidden.csv")).isEqualTo("hidden.csv");
        assertThat(FileNames.sanitize("...交易明细_1.csv")).isEqualTo("交易明细_1.csv");
    }

    @Test
    void givesANameToWhatWouldOtherwiseBeEmpty() {
        assertThat(FileNames.sanitize("..")).isEqualTo("file_");
        assertThat(FileNames.sanitize("dir/")).isEqualTo("file_");
        assertThat(FileNames.sanitize("")).isEqualTo("file_");
        assertThat(FileNames.sanitize(null)).isEqualTo("file_");
    }

    @Test
    void shortensAnOverLongChineseNameKeepingItsExtensionWithinTwoHundredBytes() {
        String stem = "交易明细_" + "西郊国际农产品交易中心肉类交易".repeat(10);
        String sent = stem + ".csv";
        assertThat(sent.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(400);

        String stored = FileNames.sanitize(sent);

        assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200).isGreaterThan(190);
        assertThat(stored).endsWith(".csv");
        assertThat(stem).startsWith(stored.substring(0, stored.length() - ".csv".length()));
    }

    @Test
    void shortensANameOfCharactersOutsideTheBasicPlaneWithoutSplittingOne(@TempDir Path dir) throws Exception {
        // 𠮷 (U+20BB7) is a real character of Chinese names; it takes two UTF-16 units and four UTF-8 bytes
        String sent = "交易明细_" + "𠮷".repeat(60) + ".csv";

        String stored = FileNames.sanitize(sent);

        assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(stored).endsWith(".csv").startsWith("交易明细_𠮷");
        assertThat(stored.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .as("no half of a character is left").isEmpty();
        assertThat(Files.createFile(dir.resolve(stored))).exists();
    }

    @Test
    void keepsAnOverLongNameWithoutExtensionWithinTwoHundredBytes() {
        String stored = FileNames.sanitize("明".repeat(100));
        assertThat(stored).isEqualTo("明".repeat(66));
    }

    @ParameterizedTest
    @ValueSource(strings = {"交易明细_1.csv.part", "交易明细_1.csv.PART", "upload.tmp", ".交易明细_1.csv", ".goutputstream-X1",
            "交易明细_1.csv.filepart", "交易明细_1.csv.FilePart", "report.partial"})
    void recognisesUploadsStillInProgress(String name) {
        assertThat(FileNames.isInProgress(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"交易明细_1.csv", "temp.csv", "a.part.csv", "a.filepart.csv", "filepart", "partial.csv"})
    void takesCompleteFiles(String name) {
        assertThat(FileNames.isInProgress(name)).isFalse();
    }
}
