package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.validation.ErrorCodes;
import org.junit.jupiter.api.io.TempDir;

class EncodingDetectorTest {

    @TempDir
    Path dir;

    @Test
    void aUtf8BomMeansUtf8() throws Exception {
        byte[] text = "序号,品名\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);

        assertThat(EncodingDetector.detect(write(bytes))).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aUtf16BomMeansUtf16() throws Exception {
        assertThat(EncodingDetector.detect(write(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0})))
                .isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(EncodingDetector.detect(write(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'})))
                .isEqualTo(StandardCharsets.UTF_16BE);
    }

    @Test
    void chineseTextThatDecodesAsStrictUtf8IsUtf8() throws Exception {
        assertThat(EncodingDetector.detect(write("序号,品名\n1,白条猪\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void plainAsciiAndEmptyFilesAreUtf8() throws Exception {
        assertThat(EncodingDetector.detect(write("no,name\n1,x\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(EncodingDetector.detect(write(new byte[0]))).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void gb18030ChineseTextIsGb18030() throws Exception {
        assertThat(EncodingDetector.detect(write("序号,买方名称\n1,上海浦东新区菜场\n".getBytes(EncodingDetector.GB18030))))
                .isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void gbkBytesAreReadAsGb18030() throws Exception {
        assertThat(EncodingDetector.detect(write("品名,产地\n猪后腿肉,安徽\n".getBytes(Charset.forName("GBK")))))
                .isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void gb18030BytesAfterTheFirstBufferStillMakeTheFileGb18030() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (bytes.size() < 200_000) {
            bytes.writeBytes("1,XJM2611270001,256.5\n".getBytes(StandardCharsets.US_ASCII));
        }
        bytes.writeBytes("2,牛肉,120\n".getBytes(EncodingDetector.GB18030));

        assertThat(EncodingDetector.detect(write(bytes.toByteArray()))).isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void refusesAUtf8FileWithAGbkLinePastedInNamingThatLineInsteadOfReadingItAllAsGb18030() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("序号,品名,重量\r\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 2; i <= 500; i++) {
            bytes.writeBytes((i + ",白条猪,256.5\r\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("501,牛肉,120\r\n".getBytes(EncodingDetector.GB18030));
        Path file = write(bytes.toByteArray());

        assertThatThrownBy(() -> EncodingDetector.detect(file)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
            assertThat(e.row()).isEqualTo(501);
            assertThat(e.getMessage()).contains("UTF-8编码，但第501行");
        });
    }

    @Test
    void aGbkFileWithAFewChineseCharactersThatAreAlsoValidUtf8IsStillGb18030() throws Exception {
        // fewer than twenty three-byte sequences a UTF-8 decoder takes for Chinese before the first byte it cannot
        // decode: the evidence of a GBK file's chance byte patterns, not of a UTF-8 export
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("序号品名重量".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(",白条猪,256.5\r\n牛肉,120\r\n".getBytes(EncodingDetector.GB18030));

        assertThat(EncodingDetector.detect(write(bytes.toByteArray()))).isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void aUtf8CharacterSplitAcrossReadBuffersIsStillUtf8() throws Exception {
        // 64 KiB - 1 ASCII bytes, then a three-byte character straddling the 64 KiB boundary
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a".repeat(64 * 1024 - 1).getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes("猪肉\n".getBytes(StandardCharsets.UTF_8));

        assertThat(EncodingDetector.detect(write(bytes.toByteArray()))).isEqualTo(StandardCharsets.UTF_8);
    }

    private Path write(byte[] bytes) throws Exception {
        return Files.write(Files.createTempFile(dir, "export", ".csv"), bytes);
    }
}
