package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReceiptXmlWriterTest {

    private static final String NS = "urn:shanghai:trace:receipt:1";

    @Test
    void writesAWellFormedReceiptInTheReceiptNamespaceWithCountsAndProblems() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("交易明细_20261127.csv", 10, 7, 3, 1), List.of(
                new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "9131000O6316963820"),
                new RowProblem(8, null, null, "ERROR", "CERTIFICATE_REQUIRED", "缺少动物检疫合格证号", null)));

        Document doc = parse(write(receipt));

        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("receipt");
        assertThat(text(root, "batchId")).isEqualTo("20261127-1f3a9c0b2d");
        assertThat(text(root, "sourceId")).isEqualTo("meat-wholesale-xj");
        assertThat(text(root, "fileName")).isEqualTo("交易明细_20261127.csv");
        assertThat(text(root, "sha256")).isEqualTo("ab".repeat(32));
        assertThat(text(root, "receivedAt")).isEqualTo("2026-11-27T23:40:05+08:00");
        Element status = child(root, "status");
        assertThat(status.getAttribute("code")).isEqualTo("STAGED");
        assertThat(status.getTextContent()).isEqualTo("已校验，等待入库");
        assertThat(root.getElementsByTagNameNS(NS, "reason").getLength()).isZero();
        assertThat(root.getElementsByTagNameNS(NS, "duplicateOf").getLength()).isZero();
        Element counts = child(root, "counts");
        assertThat(List.of(counts.getAttribute("read"), counts.getAttribute("accepted"), counts.getAttribute("rejected"),
                counts.getAttribute("skipped"))).containsExactly("10", "7", "3", "1");

        NodeList problems = child(root, "problems").getElementsByTagNameNS(NS, "problem");
        assertThat(problems.getLength()).isEqualTo(2);
        Element first = (Element) problems.item(0);
        assertThat(first.getAttribute("row")).isEqualTo("5");
        assertThat(first.getAttribute("column")).isEqualTo("买方信用代码");
        assertThat(first.getAttribute("field")).isEqualTo("counterparty.uscc");
        assertThat(first.getAttribute("severity")).isEqualTo("ERROR");
        assertThat(first.getAttribute("code")).isEqualTo("USCC_CHARACTER");
        assertThat(text(first, "message")).isEqualTo("统一社会信用代码含有非法字符");
        assertThat(text(first, "value")).isEqualTo("9131000O6316963820");
        Element second = (Element) problems.item(1);
        assertThat(second.hasAttribute("column")).isFalse();
        assertThat(second.hasAttribute("field")).isFalse();
        assertThat(second.getElementsByTagNameNS(NS, "value").getLength()).isZero();
    }

    @Test
    void aRejectedReprocessNamesTheAttemptWhoseDataStillStandsAfterTheElementsReceiptsAlwaysHad() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.failedReprocess("交易明细_20261127.csv", "被拒绝的行数（8/10）超过…"), List.of(), 1);

        Element root = parse(write(receipt)).getDocumentElement();

        Element loaded = child(root, "loadedAttempt");
        assertThat(loaded.getAttribute("attempt")).isEqualTo("1");
        assertThat(loaded.getTextContent()).isEqualTo("第1次处理入库的数据仍然有效；本次（第2次）处理的结果未入库");
        assertThat(root.getLastChild()).isSameAs(loaded);
        assertThat(child(root, "status").getAttribute("code")).isEqualTo("FAILED");
        assertThat(parse(write(new Receipt(ReceiptFixtures.staged("a.csv", 1, 1, 0, 0), List.of(), 1))).getDocumentElement()
                .getElementsByTagNameNS(NS, "loadedAttempt").getLength()).as("attempt 1 itself loaded").isZero();
    }

    @Test
    void saysWhetherTheProblemsRowsAreLinesOrTheRecordOrdinalsOfAnXmlExportWhoseRecordsShareLines() throws Exception {
        Element records = parse(write(new Receipt(ReceiptFixtures.stagedOneLineXml("批次_20261127.xml", 60, 59, 1), List.of(
                new RowProblem(57, "@id", "traceCode", "ERROR", "TRACE_CODE_REQUIRED", "缺少追溯码", null)))))
                .getDocumentElement();
        Element lines = parse(write(new Receipt(ReceiptFixtures.staged("交易明细_1.csv", 1, 1, 0, 0), List.of())))
                .getDocumentElement();

        assertThat(child(records, "problems").getAttribute("rowNumbering")).isEqualTo("record");
        assertThat(((Element) child(records, "problems").getElementsByTagNameNS(NS, "problem").item(0)).getAttribute("row"))
                .isEqualTo("57");
        assertThat(child(lines, "problems").getAttribute("rowNumbering")).isEqualTo("line");
    }

    @Test
    void declaresUtf8() throws Exception {
        byte[] xml = write(new Receipt(ReceiptFixtures.staged("交易明细_1.csv", 0, 0, 0, 0), List.of()));

        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("交易明细_1.csv");
    }

    @Test
    void namesTheReasonAndTheOriginalBatchOfADuplicate() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.duplicate("交易明细_20261127.csv", "20261127-1f3a9c0b2d", "重复文件"), List.of());

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(child(root, "status").getAttribute("code")).isEqualTo("DUPLICATE");
        assertThat(child(root, "reason").getAttribute("code")).isEqualTo("FILE_DUPLICATE");
        assertThat(child(root, "reason").getTextContent()).isEqualTo("重复文件");
        assertThat(text(root, "duplicateOf")).isEqualTo("20261127-1f3a9c0b2d");
        assertThat(child(root, "problems").getChildNodes().getLength()).isZero();
    }

    @Test
    void listsAFilesWarningsApartFromTheRowsProblemsAndNamesTheSpecVersionAfterTheElementsReceiptsAlwaysHad() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.stagedXmlWithFileWarning("wb_maint_20261126.xml", 12, 12, 0), List.of());

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(child(root, "problems").getElementsByTagNameNS(NS, "problem").getLength()).isZero();
        Element version = child(root, "specVersion");
        assertThat(version.getTextContent()).isEqualTo(ReceiptFixtures.FINGERPRINT.substring(0, 12));
        assertThat(version.getAttribute("fingerprint")).isEqualTo(ReceiptFixtures.FINGERPRINT);
        NodeList warnings = child(root, "fileWarnings").getElementsByTagNameNS(NS, "fileWarning");
        assertThat(warnings.getLength()).isEqualTo(1);
        Element warning = (Element) warnings.item(0);
        assertThat(List.of(warning.getAttribute("code"), warning.getAttribute("column"), warning.getAttribute("field"),
                warning.getTextContent())).containsExactly("XML_PATH_ABSENT", "emergency_code", "extension.elevator.emergencyCode",
                ReceiptFixtures.ABSENT_MESSAGE);
        assertThat(root.getLastChild().getLocalName()).as("after every element older receipts had").isEqualTo("fileWarnings");
    }

    @Test
    void aReceiptOfAFileNoSpecConvertedNamesNoSpecVersion() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.duplicate("交易明细_20261127.csv", "20261127-1f3a9c0b2d", "重复文件"), List.of());

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(root.getElementsByTagNameNS(NS, "specVersion").getLength()).isZero();
        assertThat(root.getElementsByTagNameNS(NS, "fileWarnings").getLength()).isZero();
    }

    @Test
    void escapesMarkupTheSenderWrote() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("a<b>&\"c'.csv", 1, 0, 1, 0), List.of(
                new RowProblem(2, "品名\"<", "product.name", "ERROR", "X", "</message>&amp;", "]]><!--")));

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(text(root, "fileName")).isEqualTo("a<b>&\"c'.csv");
        Element problem = (Element) root.getElementsByTagNameNS(NS, "problem").item(0);
        assertThat(problem.getAttribute("column")).isEqualTo("品名\"<");
        assertThat(text(problem, "message")).isEqualTo("</message>&amp;");
        assertThat(text(problem, "value")).isEqualTo("]]><!--");
    }

    @Test
    void replacesCharactersXmlCannotCarrySoTheReceiptStaysWellFormed() throws Exception {
        // legacy exports end in Ctrl-Z, carry NULs from fixed-width fields, and file names may hold control characters
        Receipt receipt = new Receipt(ReceiptFixtures.staged("交易明细\u0001.csv", 1, 0, 1, 0), List.of(
                new RowProblem(2, "品名\u0000", "product.name", "ERROR", "X", "值\u001a无效", "白条猪\u001a\uFFFE")));

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(text(root, "fileName")).isEqualTo("交易明细\uFFFD.csv");
        Element problem = (Element) root.getElementsByTagNameNS(NS, "problem").item(0);
        assertThat(problem.getAttribute("column")).isEqualTo("品名\uFFFD");
        assertThat(text(problem, "message")).isEqualTo("值\uFFFD无效");
        assertThat(text(problem, "value")).isEqualTo("白条猪\uFFFD\uFFFD");
    }

    @Test
    void namesItsAttemptAndWhenItWasWrittenInAttributesOfTheRoot() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.failedReprocess("a.csv", "被拒绝的行数（8/10）超过…"), List.of(), 1, null,
                ReceiptFixtures.WRITTEN_AT);

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(root.getAttribute("attempt")).isEqualTo("2");
        assertThat(root.getAttribute("writtenAt")).isEqualTo("2026-11-27T23:41:30+08:00");
        assertThat(((Element) root.getFirstChild()).getLocalName()).as("elements where they were").isEqualTo("batchId");
    }

    @Test
    void aReceiptWrittenAfterTheArchivePurgeSaysLastThatItsProblemRowsWentWithTheOriginal() throws Exception {
        Receipt purged = new Receipt(ReceiptFixtures.staged("a.csv", 10, 7, 3, 0), List.of(), 1, null, ReceiptFixtures.WRITTEN_AT,
                ReceiptFixtures.WRITTEN_AT.minusDays(2));

        Element root = parse(write(purged)).getDocumentElement();

        Element note = child(root, "problemsPurged");
        assertThat(note.getAttribute("on")).isEqualTo("2026-11-25");
        assertThat(note.getTextContent()).contains("不再列出问题行");
        assertThat(((Element) root.getLastChild()).getLocalName()).isEqualTo("problemsPurged");
        Element kept = parse(write(new Receipt(ReceiptFixtures.staged("a.csv", 10, 7, 3, 0), List.of()))).getDocumentElement();
        assertThat(kept.getElementsByTagNameNS(NS, "problemsPurged").getLength()).isZero();
    }

    @Test
    void aRunTheHubStoppedMidFileMarksItsCountsNotFinalAndSaysSoLast() throws Exception {
        Receipt receipt = new Receipt(ReceiptFixtures.stoppedMidFile("a.csv", "PROCESSING_ERROR", "平台处理时出错，管理员将排查并重试，您无需重新发送"),
                List.of(new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "X")));

        Element root = parse(write(receipt)).getDocumentElement();

        assertThat(child(root, "counts").getAttribute("final")).isEqualTo("false");
        assertThat(text(root, "countsNote")).isEqualTo(Receipt.COUNTS_NOT_FINAL);
        assertThat(((Element) root.getLastChild()).getLocalName()).isEqualTo("countsNote");
        Element staged = parse(write(new Receipt(ReceiptFixtures.staged("a.csv", 1, 1, 0, 0), List.of()))).getDocumentElement();
        assertThat(child(staged, "counts").hasAttribute("final")).as("final counts, as receipts always had them").isFalse();
        assertThat(staged.getElementsByTagNameNS(NS, "countsNote").getLength()).isZero();
    }

    @Test
    void listsHowManyRowsEachReasonSkipped() throws Exception {
        SkipReasons reasons = SkipReasons.NONE.plus("空行").plus("序号=合计").plus("空行");
        Receipt receipt = new Receipt(ReceiptFixtures.stagedWithSkips("a.csv", 5, 4, reasons), List.of());

        NodeList skipped = child(parse(write(receipt)).getDocumentElement(), "skipReasons").getElementsByTagNameNS(NS, "skipReason");

        assertThat(skipped.getLength()).isEqualTo(3);
        assertThat(List.of(((Element) skipped.item(0)).getAttribute("rows"), skipped.item(0).getTextContent(),
                ((Element) skipped.item(1)).getAttribute("rows"), skipped.item(1).getTextContent(),
                ((Element) skipped.item(2)).getAttribute("rows"), skipped.item(2).getTextContent()))
                .as("the row no reason was kept for as 其他").containsExactly("2", "空行", "1", "序号=合计", "1", "其他");
    }

    private static byte[] write(Receipt receipt) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReceiptXmlWriter().write(receipt, out);
        return out.toByteArray();
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element child(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS(NS, localName);
        assertThat(list.getLength()).as("<%s> in <%s>", localName, parent.getLocalName()).isGreaterThanOrEqualTo(1);
        return (Element) list.item(0);
    }

    private static String text(Element parent, String localName) {
        return child(parent, localName).getTextContent();
    }
}
