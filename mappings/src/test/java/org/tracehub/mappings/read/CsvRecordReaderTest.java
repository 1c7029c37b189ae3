package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.spec.FileFormat;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.validation.ErrorCodes;

class CsvRecordReaderTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset GBK = Charset.forName("GBK");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void dropsTheUtf8BomFromTheFirstHeaderCell() throws Exception {
        Path file = write("bom.csv", concat(UTF8_BOM, "序号,品名\n1,白菜\n".getBytes(StandardCharsets.UTF_8)));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            assertThat(reader.header()).containsExactly("序号", "品名");
            assertThat(reader.next().get("序号")).isEqualTo("1");
        }
    }

    @Test
    void dropsTheBomAlsoWhenTheSpecDeclaresUtf8() throws Exception {
        Path file = write("bom.csv", concat(UTF8_BOM, "序号,品名\n1,白菜\n".getBytes(StandardCharsets.UTF_8)));

        try (CsvRecordReader reader = new CsvRecordReader(file, "UTF-8", 1, ',')) {
            assertThat(reader.header().get(0)).isEqualTo("序号");
        }
    }

    @Test
    void readsUtf8WithoutBom() throws Exception {
        Path file = write("plain.csv", "序号,品名\n1,青菜\n".getBytes(StandardCharsets.UTF_8));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            assertThat(reader.next().get("品名")).isEqualTo("青菜");
        }
    }

    @Test
    void readsGb18030ChineseText() throws Exception {
        Path file = write("gb.csv", "序号,买方名称\n1,上海浦东新区菜场经营管理有限公司\n".getBytes(GB18030));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.encoding()).isEqualTo("GB18030");
            assertThat(reader.header()).containsExactly("序号", "买方名称");
            assertThat(reader.next().get("买方名称")).isEqualTo("上海浦东新区菜场经营管理有限公司");
        }
    }

    @Test
    void readsGbkBytesAsGb18030() throws Exception {
        Path file = write("gbk.csv", "序号,品名\n1,猪后腿肉\n".getBytes(GBK));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.encoding()).isEqualTo("GB18030");
            assertThat(reader.next().get("品名")).isEqualTo("猪后腿肉");
        }
    }

    @Test
    void readsAFileInTheEncodingTheSpecDeclares() throws Exception {
        Path file = write("gbk.csv", "序号,品名\n1,牛肉\n".getBytes(GBK));

        try (CsvRecordReader reader = new CsvRecordReader(file, "GBK", 1, ',')) {
            assertThat(reader.encoding()).isEqualTo("GBK");
            assertThat(reader.next().get("品名")).isEqualTo("牛肉");
        }
    }

    /**
     * ASCII headers and two-character names: strict GB18030 decoding of the UTF-8 bytes succeeds, 张三 reads 寮犱笁 and
     * 青菜 闈掕彍, and the file would load garbled without a word (the bytes of a ledger a reviewer sent, with and without a BOM).
     */
    @Test
    void refusesAFileTheSpecSaysIsGbkThatHoldsUtf8TextInsteadOfLoadingItGarbled() throws Exception {
        String ledger = "no,code,time,product,buyer\n1,XJV001,2026-12-01 8:00,青菜,张三\n2,XJV002,2026-12-01 8:05,白菜,李四\n";
        byte[] utf8 = ledger.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, GB18030)).as("decodes strictly as GB18030 too").contains("寮犱笁");
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.writeBytes(utf8);

        for (Path file : List.of(write("ledger_20261203.csv", utf8), write("ledger_20261201.csv", withBom.toByteArray()))) {
            for (String declared : List.of("GBK", "GB2312", "GB18030")) {
                assertThatThrownBy(() -> new CsvRecordReader(file, declared, 1, ','))
                        .as("%s declared %s", file.getFileName(), declared)
                        .isInstanceOfSatisfying(FileLevelException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                            assertThat(e.getMessage()).contains("本数据源约定CSV文件使用" + declared + "编码，但文件内容是UTF-8编码");
                        });
            }
        }
        try (CsvRecordReader reader = new CsvRecordReader(write("ascii.csv", "no,code\n1,XJV001\n".getBytes(GBK)), "GBK", 1, ',')) {
            assertThat(reader.next().get("code")).as("ASCII alone is GBK as well as UTF-8").isEqualTo("XJV001");
        }
    }

    /** Names such as 王喆 are GBK, not GB2312: a strict GB2312 decoder refused the whole file with FILE_ENCODING. */
    @Test
    void readsGbkCharactersInAFileDeclaredGb2312AsItsSupersetGb18030() throws Exception {
        for (char c : "喆堃镕玥".toCharArray()) {
            assertThat(Charset.forName("GB2312").newEncoder().canEncode(c)).as(c + " is outside GB2312").isFalse();
        }
        Path file = write("gb2312.csv", "序号,经营者\n1,王喆\n2,张堃 李玥\n3,朱镕\n".getBytes(GBK));

        try (CsvRecordReader reader = new CsvRecordReader(file, "GB2312", 1, ',')) {
            assertThat(reader.encoding()).as("as declared").isEqualTo("GB2312");
            assertThat(reader.next().get("经营者")).isEqualTo("王喆");
            assertThat(reader.next().get("经营者")).isEqualTo("张堃 李玥");
            assertThat(reader.next().get("经营者")).isEqualTo("朱镕");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void failsWithFileEncodingNamingTheLineWhenAFileDeclaredUtf8HoldsGb18030Bytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("序号,品名\n1,白菜\n2,青菜\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("3,猪五花肉\n".getBytes(GB18030));
        bytes.writeBytes("4,牛肉\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("mixed.csv", bytes.toByteArray());

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                    assertThat(e.row()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("第4行").contains("UTF-8");
                });
    }

    @Test
    void countsALoneCarriageReturnAsALineEndWhenNamingTheBadLine() throws Exception {
        // an old Mac system's export ends its lines with CR alone
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("序号,品名\r1,白菜\r2,青菜\r".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("3,猪五花肉\r".getBytes(GB18030));
        Path file = write("mac.csv", bytes.toByteArray());

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.row()).isEqualTo(4));
    }

    @Test
    void failsWithFileEncodingOnLine1WhenTheHeaderItselfIsInAnotherEncoding() throws Exception {
        Path file = write("gb-header.csv", "序号,品名\n1,白菜\n".getBytes(GB18030));

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                    assertThat(e.row()).isEqualTo(1);
                });
    }

    @Test
    void namesTheRightLineWhenTheBadBytesLieFarIntoALargeFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("序号,品名\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 5000; i++) {
            bytes.writeBytes((i + ",白条猪\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("5001,牛肉\n".getBytes(GB18030));
        Path file = write("large.csv", bytes.toByteArray());

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                    assertThat(e.row()).isEqualTo(5002);
                });
    }

    @Test
    void failsWithFileMalformedOnAnUnclosedQuote() throws Exception {
        Path file = write("quote.csv", "序号,品名\n1,\"白菜\n2,青菜\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.getMessage()).contains("引号");
                });
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheLineWhereItsRecordStartsNotWhereTheFileEnds() throws Exception {
        StringBuilder csv = new StringBuilder("序号,品名,数量\r\n");
        for (int i = 1; i <= 1500; i++) {
            csv.append(i == 4 ? "4,\"白菜,12" : i + ",青菜," + i).append("\r\n");
        }
        Path file = write("quote-far.csv", csv.toString().getBytes(GB18030));

        assertThatThrownBy(() -> readAll(file, "GB18030", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.row()).isEqualTo(5);
                    assertThat(e.getMessage()).startsWith("文件第5行开始的数据有引号未闭合").doesNotContain("1501", "EOF");
                });
    }

    @Test
    void anUnclosedQuoteInAnOldMacFileIsReportedOnItsLine() throws Exception {
        Path file = write("quote-cr.csv", "序号,品名,数量\r1,青菜,1\r2,青菜,2\r3,\"白菜,12\r4,青菜,4\r".getBytes(GB18030));

        assertThatThrownBy(() -> readAll(file, "GB18030", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.row()).isEqualTo(4);
                    assertThat(e.getMessage()).startsWith("文件第4行开始的数据有引号未闭合");
                });
    }

    @Test
    void aQuotedCellThatAnotherLinesQuoteClosesIsReportedWhereItsRecordStarts() throws Exception {
        Path file = write("quote-later.csv", ("序号,品名,数量\n1,青菜,1\n2,青菜,2\n3,青菜,3\n4,\"白菜,12\n5,青菜,5\n6,青菜,6\n"
                + "7,青菜,7\n8,\"菠菜\",8\n9,青菜,9\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.row()).isEqualTo(5);
                    assertThat(e.getMessage()).startsWith("文件第5行开始的一行数据格式错误").doesNotContain("Invalid");
                });
    }

    @Test
    void aBadlyQuotedCellIsNotCalledUnclosedBecauseALaterRecordsQuoteIs() throws Exception {
        Path file = write("quote-two.csv", "序号,品名\n1,\"白菜\"x\n2,\"青菜\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> readAll(file, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.row()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("文件第2行开始的一行数据格式错误");
                });
    }

    @Test
    void aMissingFileIsTheHubsProcessingErrorAndTheMessageHoldsNoServerPath() throws Exception {
        Path missing = dir.resolve("archive").resolve("交易明细_20261127.csv");

        assertThatThrownBy(() -> new CsvRecordReader(missing, "GB18030", 1, ','))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
                    assertThat(e.getMessage()).contains("不是文件内容的问题").doesNotContain(dir.toString(), "archive");
                    assertThat(e.getCause()).hasMessageContaining(missing.toString());
                });
    }

    @Test
    void anArchivedCopyGoneBeforeItIsOpenedIsTheHubsProcessingErrorWhateverTheFormat() throws Exception {
        Path missing = dir.resolve("archive").resolve("交易明细_20261127.xml");
        FileSpec xml = new FileSpec("*.xml", FileFormat.XML, "auto", 1, ',', Step.WHOLESALE, List.of(), List.of("序号"), List.of());

        assertThatThrownBy(() -> RecordReaders.open(xml, missing))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
                    assertThat(e.getMessage()).doesNotContain(dir.toString());
                });
    }

    @Test
    void aFileTheHubCannotReadIsTheHubsProcessingErrorNotAMalformedFile() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("交易明细_20261127.csv"));

        assertThatThrownBy(() -> readAll(notAFile, "UTF-8", 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.PROCESSING_ERROR));
    }

    @Test
    void findsTheHeaderOnRow2BelowATitleRow() throws Exception {
        Path file = write("title.csv", "西郊国际农产品交易中心 肉类交易明细（2026年11月27日）\r\n序号,品名\r\n1,白条猪\r\n"
                .getBytes(GB18030));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 2, ',')) {
            assertThat(reader.header()).containsExactly("序号", "品名");
            RawRecord first = reader.next();
            assertThat(first.get("品名")).isEqualTo("白条猪");
        }
    }

    @Test
    void numbersRowsAsASpreadsheetDoesCountingTitleAndHeaderRows() throws Exception {
        Path file = write("rows.csv", "标题\n序号,品名\n1,白条猪\n2,牛肉\n".getBytes(StandardCharsets.UTF_8));

        List<RawRecord> records = readAll(file, "auto", 2);

        assertThat(records).extracting(RawRecord::row).containsExactly(3L, 4L);
    }

    @Test
    void countsAQuotedCellSpanningLinesAsOneRow() throws Exception {
        Path file = write("multi.csv", "序号,备注\n1,\"第一行\n第二行\"\n2,无\n".getBytes(StandardCharsets.UTF_8));

        List<RawRecord> records = readAll(file, "auto", 1);

        assertThat(records).extracting(RawRecord::row).containsExactly(2L, 3L);
        assertThat(records.get(0).get("备注")).isEqualTo("第一行\n第二行");
    }

    @Test
    void countsAnEmptyLineAsARowSoThatRowNumbersMatchTheSpreadsheet() throws Exception {
        Path file = write("blank.csv", "标题\n\n序号,品名\n1,白条猪\n\n2,牛肉\n".getBytes(StandardCharsets.UTF_8));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 3, ',')) {
            assertThat(reader.header()).containsExactly("序号", "品名");
            List<RawRecord> records = new ArrayList<>();
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            assertThat(records).extracting(RawRecord::row).containsExactly(4L, 5L, 6L);
            assertThat(records.get(1).isBlank()).isTrue();
            assertThat(records.get(2).get("品名")).isEqualTo("牛肉");
        }
    }

    @Test
    void failsWithHeaderMissingWhenTheFileEndsBeforeTheHeaderRow() throws Exception {
        Path file = write("short.csv", "只有标题\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new CsvRecordReader(file, "auto", 2, ','))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
                    assertThat(e.row()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("第2行");
                });
    }

    @Test
    void failsWithHeaderMissingOnAnEmptyFile() throws Exception {
        Path file = write("empty.csv", new byte[0]);

        assertThatThrownBy(() -> new CsvRecordReader(file, "auto", 1, ','))
                .isInstanceOfSatisfying(FileLevelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING));
    }

    @Test
    void givesNullForCellsBeyondTheEndOfAShortRow() throws Exception {
        Path file = write("ragged.csv", "序号,品名,产地\n1,白条猪\n".getBytes(StandardCharsets.UTF_8));

        RawRecord record = readAll(file, "auto", 1).get(0);

        assertThat(record.get("品名")).isEqualTo("白条猪");
        assertThat(record.get("产地")).isNull();
        assertThat(record.at(3)).isNull();
        assertThat(record.get("没有这一列")).isNull();
    }

    @Test
    void tellsTheEngineTheHeadersWidthSoThatARowWithACellTooManyIsCaught() throws Exception {
        Path file = write("shifted.csv", "序号,品名,重量\n1,白条猪,1,200\n2,白条猪,\"1,200\"\n".getBytes(StandardCharsets.UTF_8));

        List<RawRecord> records = readAll(file, "auto", 1);

        assertThat(records.get(0).width()).isEqualTo(3);
        assertThat(records.get(0).firstCellBeyondWidth()).as("1,200 unquoted: a fourth cell").isEqualTo(4);
        assertThat(records.get(1).firstCellBeyondWidth()).as("quoted, as it should be").isZero();
    }

    @Test
    void normalisesHeaderNamesButKeepsCellsAsRead() throws Exception {
        Path file = write("wide.csv", " 重量（斤） ,追溯码\n１２.５,\"  ＸＪ001 \"\n".getBytes(StandardCharsets.UTF_8));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.header()).containsExactly("重量(斤)", "追溯码");
            RawRecord record = reader.next();
            assertThat(record.get("重量(斤)")).isEqualTo("１２.５");
            assertThat(record.get("追溯码")).isEqualTo("  ＸＪ001 ");
        }
    }

    @Test
    void keepsQuotedSeparatorsInsideACell() throws Exception {
        Path file = write("quoted.csv", "序号,重量(斤)\n1,\"1,200\"\n".getBytes(StandardCharsets.UTF_8));

        assertThat(readAll(file, "auto", 1).get(0).get("重量(斤)")).isEqualTo("1,200");
    }

    @Test
    void usesTheDelimiterTheSpecNames() throws Exception {
        Path file = write("semi.csv", "序号;品名\n1;白菜\n".getBytes(StandardCharsets.UTF_8));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ';')) {
            assertThat(reader.header()).containsExactly("序号", "品名");
            assertThat(reader.next().get("品名")).isEqualTo("白菜");
        }
    }

    @Test
    void returnsNullAtTheEndOfTheFile() throws Exception {
        Path file = write("one.csv", "序号\n1\n".getBytes(StandardCharsets.UTF_8));

        try (CsvRecordReader reader = new CsvRecordReader(file, "auto", 1, ',')) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void usesTheQuoteCharacterTheSpecNames() throws Exception {
        Path file = write("quote.csv", "单号|品名|备注\n1|'白菜|青菜'|'他说''好'''\n2|\"引号\"|\n".getBytes(StandardCharsets.UTF_8));

        List<RawRecord> rows = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(file, "UTF-8", 1, '|', '\'', 1000)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                rows.add(r);
            }
        }

        assertThat(rows.get(0).cells()).containsExactly("1", "白菜|青菜", "他说'好'");
        assertThat(rows.get(1).cells()).containsExactly("2", "\"引号\"", "");
    }

    @Test
    void refusesTheFileWhenAnUnclosedQuoteSwallowsTheRestBeyondTheRecordLimit() throws Exception {
        StringBuilder csv = new StringBuilder("单号,品名,备注\n1,白菜,正常\n2,\"青菜,忘了关引号\n");
        for (int i = 3; i < 2000; i++) {
            csv.append(i).append(",萝卜,第").append(i).append("行\n");
        }
        Path file = write("runaway.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        List<RawRecord> rows = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (CsvRecordReader reader = new CsvRecordReader(file, "UTF-8", 1, ',', '"', 1000)) {
                for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                    rows.add(r);
                }
            }
        }).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("文件第3行开始的一行数据超过1000个字符，文件已拒收（常见原因：引号未闭合，后面的内容都被当作同一个单元格）");
        });
        // the guard reads ahead of the parser, so the file fails before the rows above the bad one are handed out;
        // a file-level failure loads nothing anyway
        assertThat(rows).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aRunawayQuoteInAnOldMacFileBeyondTheRecordLimitIsReportedOnItsLine() throws Exception {
        StringBuilder csv = new StringBuilder("单号,品名,备注\r1,白菜,正常\r2,青菜,正常\r3,\"青菜,忘了关引号\r");
        for (int i = 4; i < 2000; i++) {
            csv.append(i).append(",萝卜,第").append(i).append("行\r");
        }
        Path file = write("runaway-cr.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> {
            try (CsvRecordReader reader = new CsvRecordReader(file, "UTF-8", 1, ',', '"', 1000)) {
                while (reader.next() != null) {
                    // read to the refusal
                }
            }
        }).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.row()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith("文件第4行开始的一行数据超过1000个字符").contains("引号未闭合");
        });
    }

    @Test
    void countsTheRecordLimitPerRecordNotPerFile() throws Exception {
        StringBuilder csv = new StringBuilder("单号,品名,备注\r\n");
        for (int i = 1; i <= 500; i++) {
            csv.append(i).append(",\"多行\r\n单元格,\"\"引号\"\"\",").append("备注".repeat(10)).append("\r\n");
        }
        Path file = write("many.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        long count = 0;
        try (CsvRecordReader reader = new CsvRecordReader(file, "UTF-8", 1, ',', '"', 60)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                assertThat(r.cells().get(1)).isEqualTo("多行\r\n单元格,\"引号\"");
                count++;
            }
        }
        assertThat(count).isEqualTo(500);
        Path longOne = write("long.csv", ("单号,备注\n1," + "长".repeat(61) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new CsvRecordReader(longOne, "UTF-8", 1, ',', '"', 60).next())
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.row()).isEqualTo(2));
    }

    @Test
    void opensCsvThroughRecordReaders() throws Exception {
        Path file = write("a.csv", "序号\n1\n".getBytes(StandardCharsets.UTF_8));
        FileSpec csv = new FileSpec("*.csv", FileFormat.CSV, "auto", 1, ',', Step.WHOLESALE, List.of(), List.of("序号"), List.of());

        try (RecordReader reader = RecordReaders.open(csv, file)) {
            assertThat(reader).isInstanceOf(CsvRecordReader.class);
        }
    }

    @Test
    void refusesAFileAboveTheSizeLimitWithFileTooLargeAndReadsOneAtTheLimit() throws Exception {
        Path file = write("a.csv", "序号\n1\n".getBytes(StandardCharsets.UTF_8));   // 9 bytes
        FileSpec csv = new FileSpec("*.csv", FileFormat.CSV, "auto", 1, ',', Step.WHOLESALE, List.of(), List.of("序号"), List.of());

        assertThatThrownBy(() -> RecordReaders.open(csv, file, new ReaderLimits(1024, 8)))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_TOO_LARGE);
                    assertThat(e.row()).isZero();
                    assertThat(e.getMessage()).startsWith("文件大小为9字节，超过上限8字节，文件已拒收");
                });
        try (RecordReader reader = RecordReaders.open(csv, file, new ReaderLimits(1024, 9))) {
            assertThat(reader.next().cells()).containsExactly("1");
        }
    }

    private List<RawRecord> readAll(Path file, String encoding, int headerRow) {
        List<RawRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(file, encoding, headerRow, ',')) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
