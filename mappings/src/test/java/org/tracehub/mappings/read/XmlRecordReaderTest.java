package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;

class XmlRecordReaderTest {

    static final String SPEC = """
            source: xml-test
            category: DAIRY
            files:
              - match: "*.xml"
                format: xml
                encoding: %s
                record: "/mes:Report/mes:Batches/mes:Batch"
                namespaces: { mes: "urn:example:mes:2", qa: "urn:example:qa:1" }
                step: PROCESS
                key: ["@id"]
                fields:
                  traceCode: { path: "@id" }
                  product.name: { path: "mes:Product/mes:Name" }
                  product.code: { path: "Product/@sku" }
                  inputs: { path: "mes:RawMilk/mes:Lot", split: ";" }
                  extension.dairy.testResult: { path: "qa:Release/@result" }
                  certificates.TEST_REPORT: { path: "qa:Release/qa:Report" }
                  extension.dairy.fatPercent: { path: "qa:Release/qa:Fat" }
                  origin: { path: "mes:RawMilk/@region" }
            """;

    /** The document's own prefixes differ from the spec's: only the namespace URIs have to agree. */
    static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- MES export -->
            <Report xmlns="urn:example:mes:2" xmlns:q="urn:example:qa:1">
              <Header><Batch id="not-a-record"/></Header>
              <Batches>
                <Batch id="PJY-2611-01" line="A">
                  <Product sku="YG-250"><Name>  纯牛奶 250ml </Name></Product>
                  <RawMilk region="310117"><Lot>SN01</Lot><Lot>SN02</Lot></RawMilk>
                  <q:Release result="合格"><q:Report><![CDATA[QA-0001]]></q:Report><q:Fat>3.6</q:Fat></q:Release>
                </Batch>
                <Batch id="PJY-2611-02">
                  <Product sku="YG-1L"/>
                </Batch>
                <Other><Batch id="elsewhere"/></Other>
              </Batches>
              <Batches>
                <Batch id="PJY-2611-03"><q:Release result="不合格" q:by="张三"/></Batch>
              </Batches>
            </Report>
            """;

    @TempDir
    Path dir;

    @Test
    void readsEachRecordElementWithItsPathsAsColumns() throws Exception {
        List<RawRecord> records;
        List<String> header;
        String encoding;
        try (RecordReader reader = new XmlRecordReader(write(DOCUMENT, StandardCharsets.UTF_8), spec("auto"))) {
            header = reader.header();
            records = readAll(reader);
            encoding = reader.encoding();
        }

        assertThat(header).containsExactly("@id", "mes:Product/mes:Name", "Product/@sku", "mes:RawMilk/mes:Lot",
                "qa:Release/@result", "qa:Release/qa:Report", "qa:Release/qa:Fat", "mes:RawMilk/@region");
        assertThat(encoding).isEqualTo("UTF-8");
        assertThat(records).extracting(RawRecord::row).as("the lines their start tags are on").containsExactly(6L, 11L, 17L);
        assertThat(records.get(0).cells()).containsExactly("PJY-2611-01", "  纯牛奶 250ml ", "YG-250", "SN01;SN02", "合格", "QA-0001",
                "3.6", "310117");
        assertThat(records.get(1).cells()).containsExactly("PJY-2611-02", null, "YG-1L", null, null, null, null, null);
        assertThat(records.get(2).get("@id")).isEqualTo("PJY-2611-03");
        assertThat(records.get(2).get("qa:Release/@result")).isEqualTo("不合格");
    }

    @Test
    void numbersARecordByTheLineItsStartTagBeginsOnWhereverItsAttributesAndCommentsAre() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Report xmlns="urn:example:mes:2">
                  <Batches>
                    <!-- a record whose start tag
                         spans lines -->
                    <Batch
                        id="PJY-2611-01"
                        line="A"><Product sku="YG-250"/></Batch>

                    <Batch id="PJY-2611-02"/><!-- a comment after it -->
                    <Batch id="PJY-2611-03">
                    </Batch></Batches></Report>
                """;

        try (RecordReader reader = new XmlRecordReader(write(xml, StandardCharsets.UTF_8), spec("auto"))) {
            assertThat(readAll(reader)).extracting(RawRecord::row, r -> r.get("@id"))
                    .containsExactly(tuple(6L, "PJY-2611-01"), tuple(10L, "PJY-2611-02"), tuple(11L, "PJY-2611-03"));
        }
    }

    @Test
    void numbersTheRecordsOfADocumentWithoutLineBreaksByTheirOrdinalsSinceLinesWouldNotTellThemApart() throws Exception {
        String oneLine = DOCUMENT.lines().map(String::strip).reduce("", String::concat);
        try (RecordReader reader = new XmlRecordReader(write(oneLine, StandardCharsets.UTF_8), spec("auto"))) {
            assertThat(readAll(reader)).extracting(RawRecord::row, r -> r.get("@id"))
                    .containsExactly(tuple(1L, "PJY-2611-01"), tuple(2L, "PJY-2611-02"), tuple(3L, "PJY-2611-03"));
        }

        // one pair of records beginning on one line is enough: the rows must stay unique and in document order throughout
        String twoOnALine = DOCUMENT.replace("<Batch id=\"PJY-2611-02\">\n      <Product sku=\"YG-1L\"/>\n    </Batch>",
                "<Batch id=\"PJY-2611-02\"><Product sku=\"YG-1L\"/></Batch><Batch id=\"PJY-2611-02B\"/>");
        assertThat(twoOnALine).isNotEqualTo(DOCUMENT);
        try (RecordReader reader = new XmlRecordReader(write(twoOnALine, StandardCharsets.UTF_8), spec("auto"))) {
            assertThat(readAll(reader)).extracting(RawRecord::row, r -> r.get("@id")).containsExactly(tuple(1L, "PJY-2611-01"),
                    tuple(2L, "PJY-2611-02"), tuple(3L, "PJY-2611-02B"), tuple(4L, "PJY-2611-03"));
        }
    }

    @Test
    void saysItsRowsAreRecordOrdinalsWhenRecordsShareALineAndLinesOtherwise() throws Exception {
        String oneLine = DOCUMENT.lines().map(String::strip).reduce("", String::concat);
        try (RecordReader reader = new XmlRecordReader(write(oneLine, StandardCharsets.UTF_8), spec("auto"))) {
            assertThat(reader.rowNumbering()).as("known when opened, before a record is read").isEqualTo(RowNumbering.RECORDS);
            assertThat(readAll(reader)).extracting(RawRecord::row).containsExactly(1L, 2L, 3L);
        }
        try (RecordReader reader = new XmlRecordReader(write(DOCUMENT, StandardCharsets.UTF_8), spec("auto"))) {
            assertThat(reader.rowNumbering()).isEqualTo(RowNumbering.LINES);
        }
        // the clerk reads the label beside the number: 第2条记录 is the second record, not the second line
        assertThat(RowNumbering.RECORDS.label()).isEqualTo("记录号");
        assertThat(RowNumbering.RECORDS.at(2)).isEqualTo("第2条记录");
        assertThat(RowNumbering.LINES.at(11)).isEqualTo("第11行");
    }

    @Test
    void numbersTheRootElementAsARecordByItsLine() throws Exception {
        FileSpec rootRecord = spec("auto");
        rootRecord = new FileSpec(rootRecord.match(), rootRecord.format(), rootRecord.encoding(), 1, ',', rootRecord.step(),
                rootRecord.skip(), rootRecord.key(), rootRecord.fields(), '"', 100, null, "/mes:Report", rootRecord.namespaces());

        try (RecordReader reader = new XmlRecordReader(write(DOCUMENT, StandardCharsets.UTF_8), rootRecord)) {
            assertThat(reader.next().row()).isEqualTo(3L);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void numbersTheRecordsOfADocumentItDecodesItselfByLineToo() throws Exception {
        String gbk = DOCUMENT.replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");

        try (RecordReader reader = new XmlRecordReader(write(gbk, Charset.forName("GBK")), spec("auto"))) {
            assertThat(readAll(reader)).extracting(RawRecord::row).containsExactly(6L, 11L, 17L);
        }
    }

    @Test
    void readsADeclaredEncoding() throws Exception {
        String gbk = DOCUMENT.replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");
        Path file = write(gbk, Charset.forName("GBK"));

        try (RecordReader reader = new XmlRecordReader(file, spec("GBK"))) {
            assertThat(reader.next().get("mes:Product/mes:Name")).isEqualTo("  纯牛奶 250ml ");
        }
        try (RecordReader reader = new XmlRecordReader(file, spec("auto"))) {
            assertThat(reader.next().get("qa:Release/@result")).isEqualTo("合格");
            assertThat(reader.encoding()).isEqualToIgnoringCase("GBK");
        }
    }

    @Test
    void refusesABadByteInAGbkDocumentNamingItsLineInsteadOfLoadingAReplacementCharacter() throws Exception {
        String gbk = DOCUMENT.replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");
        byte[] bytes = gbk.getBytes(Charset.forName("GBK"));
        int at = indexOf(bytes, "纯牛奶".getBytes(Charset.forName("GBK")));
        bytes[at] = (byte) 0x80; // a lead byte no Chinese charset has, where 纯 begins
        Path file = dir.resolve("bad-gbk.xml");
        Files.write(file, bytes);
        long line = gbk.substring(0, gbk.indexOf("纯牛奶")).lines().count();

        for (String encoding : List.of("auto", "GBK")) {
            assertThatThrownBy(() -> {
                try (RecordReader reader = new XmlRecordReader(file, spec(encoding))) {
                    while (reader.next() != null) {
                        // read to the end
                    }
                }
            }).as(encoding).isInstanceOfSatisfying(FileLevelException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                assertThat(e.row()).isEqualTo(line);
            });
        }
    }

    @Test
    void readsGbkCharactersInADocumentDeclaredGb2312AndGb18030CharactersInOneDeclaredGbk() throws Exception {
        // 镕 is GBK, not GB2312; 㐀 (CJK extension A) is GB18030's four-byte range, not GBK
        String text = DOCUMENT.replace("纯牛奶", "镕㐀牛奶");
        for (String declared : List.of("GB2312", "GBK")) {
            Path file = dir.resolve(declared + ".xml");
            Files.write(file, text.replace("encoding=\"UTF-8\"", "encoding=\"" + declared + "\"").getBytes(Charset.forName("GB18030")));
            try (RecordReader reader = new XmlRecordReader(file, spec("auto"))) {
                assertThat(reader.next().get("mes:Product/mes:Name")).as(declared).isEqualTo("  镕㐀牛奶 250ml ");
                assertThat(reader.encoding()).isEqualToIgnoringCase(declared);
            }
        }
    }

    @Test
    void aDocumentDeclaringGbkButHoldingUtf8IsRefusedNotLoadedGarbled() throws Exception {
        // every Chinese run of an even length: the UTF-8 bytes pair up into GB18030 characters (张三 reads 寮犱笁)
        String xml = """
                <?xml version="1.0" encoding="GBK"?>\r
                <elevator_maint_data>\r
                  <head><unit_name>沪晟电梯</unit_name></head>\r
                  <body>\r
                    <elevator_maint_info_base seq="1">\r
                      <maint_id>HS-WB-20261126-001</maint_id>\r
                      <register_code>31103101042015060012</register_code>\r
                      <use_unit code="91310104MA1FP9KD7W">张三物业</use_unit>\r
                      <maint_type>01</maint_type>\r
                      <maint_date>2026-11-26</maint_date>\r
                      <begin_time>08:30</begin_time>\r
                      <maint_staff>李四</maint_staff>\r
                    </elevator_maint_info_base>\r
                  </body>\r
                </elevator_maint_data>\r
                """;
        assertThat(new String(xml.getBytes(StandardCharsets.UTF_8), Charset.forName("GB18030"))).contains("寮犱笁");
        FileSpec husheng = SpecCatalog.builtIn().source("elevator-maint-husheng").orElseThrow().fileSpecFor("wb_maint_20261126.xml").orElseThrow();
        Path file = Files.write(dir.resolve("wb_maint_20261126.xml"), xml.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> {
            try (RecordReader reader = RecordReaders.open(husheng, file)) {
                readAll(reader);
            }
        }).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
            assertThat(e.getMessage()).startsWith("XML文件声明的字符编码是GBK，但文件内容是UTF-8编码");
        });
        // the same document in the GBK it declares reads as it should
        Files.write(file, xml.getBytes(Charset.forName("GBK")));
        try (RecordReader reader = RecordReaders.open(husheng, file)) {
            assertThat(reader.next().get("use_unit")).isEqualTo("张三物业");
        }
    }

    @Test
    void aDocumentASpecSaysIsGbkButThatHoldsUtf8IsRefusedAlsoWhenTheTextComesLate() throws Exception {
        // a long head of ASCII before the first Chinese name, still within the sniffed prefix
        // even-length Chinese runs only, so that strict GB18030 decoding of the UTF-8 bytes succeeds
        String xml = DOCUMENT.replaceFirst("<Batches>", "<!--" + "x".repeat(40_000) + "-->\n<Batches>")
                .replace("纯牛奶", "纯牛奶好").replace("不合格", "不合格品");
        assertThat(new String(xml.getBytes(StandardCharsets.UTF_8), Charset.forName("GB18030"))).doesNotContain("\uFFFD");
        Path file = write(xml, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new XmlRecordReader(file, spec("GBK")))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                    assertThat(e.getMessage()).startsWith("本数据源约定XML文件使用GBK编码，但文件内容是UTF-8编码");
                });
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    @Test
    void refusesAMalformedDocumentNamingTheLine() throws Exception {
        Path file = write(DOCUMENT.replace("<Product sku=\"YG-1L\"/>", "<Product sku=\"YG-1L\">"), StandardCharsets.UTF_8);

        try (RecordReader reader = new XmlRecordReader(file, spec("auto"))) {
            assertThat(reader.next().row()).as("the records before the fault, numbered by line").isEqualTo(6L);
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(FileLevelException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                assertThat(e.row()).isEqualTo(13);
                assertThat(e.getMessage()).startsWith("XML文件第13行格式错误");
            });
        }
    }

    @Test
    void refusesADoctypeSoNoEntityIsExpanded() throws Exception {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE Report [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <Report xmlns="urn:example:mes:2"><Batches><Batch id="&b;"/></Batches></Report>
                """;

        try (RecordReader reader = new XmlRecordReader(write(laughs, StandardCharsets.UTF_8), spec("auto"))) {
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(FileLevelException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                assertThat(e.getMessage()).contains("DOCTYPE");
            });
        }
    }

    @Test
    void reportsBytesThatAreNotTheDeclaredEncoding() throws Exception {
        byte[] gbk = DOCUMENT.getBytes(Charset.forName("GBK"));
        Path file = Files.write(dir.resolve("wrong.xml"), gbk);

        try (RecordReader reader = new XmlRecordReader(file, spec("auto"))) {
            assertThatThrownBy(() -> readAll(reader)).isInstanceOfSatisfying(FileLevelException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.FILE_ENCODING);
                assertThat(e.row()).isEqualTo(7);
            });
        }
    }

    /**
     * A record without text that holds every element: attributes alone (an export of {@code <ROW a="…"/>} read with a
     * record path one level too high) or empty children. Counted by text only, it was held whole, to the heap's end.
     */
    @Test
    void refusesARecordOfManyElementsWithoutTextAsMalformedNotOnlyOneOfMuchText() throws Exception {
        int children = 20_000;
        for (String child : List.of("<Lot no=\"SN%06d\" region=\"310117\"/>", "<x/>")) {
            Path file = dir.resolve("MES_PROD_20261127.xml");
            // written as it goes: the test holds no more of the document than the reader should
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report xmlns=\"urn:example:mes:2\"><Batches>\n<Batch id=\"B1\">\n");
                for (int i = 0; i < children; i++) {
                    out.write(child.formatted(i));
                    out.write('\n');
                }
                out.write("</Batch>\n</Batches></Report>\n");
            }

            try (RecordReader reader = new XmlRecordReader(file, spec("auto"))) {
                assertThatThrownBy(reader::next).as(child).isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.row()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("XML文件第3行开始的第1条记录（到第").contains("超过1000000个字符", "record路径");
                });
            }
        }
    }

    /**
     * The parser hands text on in pieces (at most a buffer's worth, split at each entity and CDATA section), so that a
     * huge text node is counted as it is read; the pieces of one element make one value again.
     */
    @Test
    void readsTextInPiecesAcrossEntitiesCdataAndBuffersAsOneValue() throws Exception {
        String long1 = "巴氏杀菌".repeat(12_500);
        String long2 = "QA".repeat(25_000);
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Report xmlns="urn:example:mes:2" xmlns:q="urn:example:qa:1"><Batches>
                  <Batch id="A&amp;B&#x2D;01">
                    <Product><Name>纯&lt;牛&gt;<![CDATA[奶 <250ml> & ]]>&#x4E2D;%s<!-- a note -->尾</Name></Product>
                    <q:Release><q:Report><![CDATA[%s]]><![CDATA[]]]]><![CDATA[>]]></q:Report></q:Release>
                  </Batch>
                </Batches></Report>
                """.formatted(long1, long2);

        try (RecordReader reader = new XmlRecordReader(write(xml, StandardCharsets.UTF_8), spec("auto"))) {
            RawRecord record = reader.next();
            assertThat(record.row()).isEqualTo(3);
            assertThat(record.get("@id")).isEqualTo("A&B-01");
            assertThat(record.get("mes:Product/mes:Name")).isEqualTo("纯<牛>奶 <250ml> & 中" + long1 + "尾");
            assertThat(record.get("qa:Release/qa:Report")).isEqualTo(long2 + "]]>");
            assertThat(record.flaws()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void givesNoRecordsWhenTheRecordPathMatchesNothing() throws Exception {
        FileSpec other = spec("auto");
        other = new FileSpec(other.match(), other.format(), other.encoding(), 1, ',', other.step(), other.skip(), other.key(),
                other.fields(), '"', 100, null, "/mes:Report/mes:Batch", other.namespaces());

        try (RecordReader reader = new XmlRecordReader(write(DOCUMENT, StandardCharsets.UTF_8), other)) {
            assertThat(reader.next()).isNull();
        }
    }

    /**
     * One piece of markup the parser would read whole, at the bound (here 1,000 characters, from its {@code <} or
     * {@code &} to its end) read, one character more refused on its line; whoever decodes the document, the parser
     * (UTF-8, UTF-16) or the reader (GBK), and counted in characters, not bytes. The values hold what would end the
     * markup outside quotes. A tag is named by its attribute value when the bound falls inside the value.
     */
    @Test
    void refusesAnAttributeValueCommentProcessingInstructionOrReferenceJustPastTheMarkupBound() throws Exception {
        String filler = "巴>'\"".repeat(300);
        String value = "巴>'".repeat(400);
        List<List<String>> cases = List.of(
                // the construct named, the markup at the bound, the markup one character past it
                List.of("属性值", tag(value.substring(0, 976)), tag(value.substring(0, 980))),
                List.of("开始标签（元素名与属性合计）", tag(value.substring(0, 976)), tag(value.substring(0, 977))),
                List.of("注释", "<!--" + filler.substring(0, 993) + "-->", "<!--" + filler.substring(0, 994) + "-->"),
                List.of("处理指令", "<?export " + filler.substring(0, 989) + "?>", "<?export " + filler.substring(0, 990) + "?>"),
                List.of("字符引用或实体引用", reference(995), reference(996)));
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"), StandardCharsets.UTF_16)) {
            for (List<String> c : cases) {
                for (int past = 1; past <= 2; past++) {
                    String markup = c.get(past);
                    String xml = "<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>\n<Report xmlns=\"urn:example:mes:2\"><Batches>\n"
                            + "<Batch id=\"B1\"/>\n" + markup + "\n<Batch id=\"B3\"/>\n</Batches></Report>\n";
                    String what = c.get(0) + " in " + charset + (past == 1 ? " at the bound" : " past it");

                    try (RecordReader reader = new XmlRecordReader(write(xml, charset), spec("auto"), 1000)) {
                        if (past == 1) {
                            assertThat(readAll(reader)).as(what).hasSize(markup.startsWith("<Batch") ? 3 : 2);
                        } else {
                            assertThatThrownBy(() -> readAll(reader)).as(what).isInstanceOfSatisfying(FileLevelException.class, e -> {
                                assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                                assertThat(e.row()).isEqualTo(4);
                                assertThat(e.getMessage()).isEqualTo("XML文件第4行开始的" + c.get(0) + "超过1000个字符，请检查导出的文件是否完整");
                            });
                        }
                    }
                }
            }
        }
    }

    /** A record whose start tag is 24 characters besides the value of its attribute. */
    private static String tag(String value) {
        return "<Batch id=\"B2\" line=\"" + value + "\"/>";
    }

    /** A record whose name is the character reference {@code &#00…065;}, five characters besides its zeros. */
    private static String reference(int zeros) {
        return "<Batch id=\"B2\"><Product><Name>&#" + "0".repeat(zeros) + "65;</Name></Product></Batch>";
    }

    /**
     * The elements open at once cost their start tags and 64 characters each: the parser keeps them to their end tags.
     * Here the root, {@code Batches} and the record cost 250 of the bound of 1,000, and each {@code <x>} 67.
     */
    @Test
    void refusesElementsNestedJustPastTheMarkupBound() throws Exception {
        for (int depth = 11; depth <= 12; depth++) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report xmlns=\"urn:example:mes:2\"><Batches>\n<Batch id=\"B1\">"
                    + "<x>".repeat(depth) + "</x>".repeat(depth) + "</Batch>\n</Batches></Report>\n";

            try (RecordReader reader = new XmlRecordReader(write(xml, StandardCharsets.UTF_8), spec("auto"), 1000)) {
                if (depth == 11) {
                    assertThat(readAll(reader)).hasSize(1);
                } else {
                    assertThatThrownBy(() -> readAll(reader)).isInstanceOfSatisfying(FileLevelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                        assertThat(e.row()).isEqualTo(3);
                        assertThat(e.getMessage()).isEqualTo("XML文件第3行的元素嵌套在15层元素之内，这些未结束的元素超过1000个字符（开始标签合计，每个元素另计64个），请检查导出的文件是否完整");
                    });
                }
            }
        }
    }

    /**
     * Each distinct name costs its length and 64 characters, once however often it recurs. Here the bound is 1,000; the
     * records' names ({@code Report}, its namespace, {@code Batches}, {@code Batch}, {@code id}) cost 357, each of
     * {@code a0} to {@code a9} 66: nine of them fit (951), the tenth passes the bound on the line it is on.
     */
    @Test
    void refusesADocumentWhoseDistinctNamesPassTheNameBoundOnTheLineOfTheNameThatPassesIt() throws Exception {
        for (int extra = 9; extra <= 10; extra++) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < extra; i++) {
                names.append("<a").append(i).append("/>");
            }
            String records = "<Batch id=\"B1\"><a0/><a1/></Batch>\n".repeat(50);
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report xmlns=\"urn:example:mes:2\"><Batches>\n"
                    + records + names + "\n<Batch id=\"B2\"/>\n</Batches></Report>\n";

            try (RecordReader reader = new XmlRecordReader(write(xml, StandardCharsets.UTF_8), spec("auto"), 1000, 1000)) {
                if (extra == 9) {
                    assertThat(readAll(reader)).hasSize(51);
                } else {
                    assertThatThrownBy(() -> readAll(reader)).isInstanceOfSatisfying(FileLevelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                        assertThat(e.row()).isEqualTo(53);
                        assertThat(e.getMessage()).isEqualTo("XML文件到第53行已出现15个不同的元素名、属性名和命名空间，超过平台能读取的上限"
                                + "（名称合计2000000个字符，每个名称另计64个），正常的导出文件只用到几十个名称，请检查导出程序");
                    });
                }
            }
        }
    }

    /** A CDATA section is text, handed on in pieces: what would be markup in it is not counted as markup. */
    @Test
    void readsACdataSectionLongerThanTheMarkupBoundHoldingWhatWouldBeMarkup() throws Exception {
        String cdata = "<!-- <?x <a b=\"".repeat(200);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report xmlns=\"urn:example:mes:2\"><Batches>\n<Batch id=\"B1\">"
                + "<Product><Name><![CDATA[" + cdata + "]]></Name></Product></Batch>\n<Batch id=\"B2\"/>\n</Batches></Report>\n";

        try (RecordReader reader = new XmlRecordReader(write(xml, StandardCharsets.UTF_8), spec("auto"), 1000)) {
            List<RawRecord> records = readAll(reader);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).cells()).contains(cdata);
        }
    }

    @Test
    void opensThroughRecordReaders() throws Exception {
        try (RecordReader reader = RecordReaders.open(spec("auto"), write(DOCUMENT, StandardCharsets.UTF_8))) {
            assertThat(reader).isInstanceOf(XmlRecordReader.class);
        }
    }

    private FileSpec spec(String encoding) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), SPEC.formatted(encoding), StandardCharsets.UTF_8);
        return new SpecLoader().load(specFile).files().get(0);
    }

    private Path write(String xml, Charset charset) throws Exception {
        return Files.write(dir.resolve("MES_PROD_20261127.xml"), xml.getBytes(charset));
    }

    private static List<RawRecord> readAll(RecordReader reader) {
        List<RawRecord> records = new ArrayList<>();
        for (RawRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }
}
