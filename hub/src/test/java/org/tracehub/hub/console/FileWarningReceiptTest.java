package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.samples.SampleCorpus;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An XML export whose optional element {@code emergency_code} occurs in no record, through the import job: the receipt in
 * the sender's outbox, the console, the API and the error report give the warning as the file's (文件警告), not as a
 * problem of its first record, and the receipts name the spec version that converted the file (映射版本).
 */
class FileWarningReceiptTest extends ConsoleTestSupport {

    private static final String SOURCE = "elevator-maint-husheng";
    private static final String FILE = "wb_maint_20261126.xml";
    private static final Charset GBK = Charset.forName("GBK");
    private static final String RECEIPT_NS = "urn:shanghai:trace:receipt:1";

    @Autowired
    BatchRepository batches;

    @Autowired
    BatchRetention retention;

    @Test
    void anOptionalPathInNoRecordIsAFileWarningOnTheReceiptNotARowOneWarningAndTheCountsStayThoseOfTheFileWithIt() throws Exception {
        String sample = new String(SampleCorpus.bytes("elevator/elevator-maint-husheng/input/" + FILE), GBK);
        // trailing line breaks: new content (not a DUPLICATE of another test's upload), the same records
        Batch whole = batches.findById(ingest(SOURCE, FILE, (sample + "\r\n").getBytes(GBK))).orElseThrow();
        String id = ingest(SOURCE, FILE, (sample.replace("emergency_code>", "emergency_no>") + "\r\n\r\n").getBytes(GBK));
        Batch batch = batches.findById(id).orElseThrow();

        assertThat(List.of(batch.status().name(), batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped(),
                batch.rowsWarned())).as("the counts of the file with the element, the file's warning in none of them")
                .containsExactly(whole.status().name(), whole.rowsRead(), whole.rowsAccepted(), whole.rowsRejected(),
                        whole.rowsSkipped(), whole.rowsWarned());
        String version = batch.specFingerprint().substring(0, 12);

        List<CSVRecord> receipt = outboxReceipt(id);
        int header = indexOf(receipt, "行号");
        List<CSVRecord> summary = receipt.subList(0, header);
        assertThat(line(summary, "映射版本")).containsExactly("映射版本", version);
        List<CSVRecord> fileWarnings = summary.stream().filter(r -> r.get(0).equals("文件警告")).toList();
        assertThat(fileWarnings).singleElement().satisfies(r -> {
            assertThat(r.get(1)).isEqualTo("XML_PATH_ABSENT");
            assertThat(r.get(2)).contains("整个文件中没有任何一条记录含有“emergency_code”");
        });
        assertThat(receipt.subList(header + 1, receipt.size())).as("no record carries it")
                .noneMatch(r -> r.get(4).equals("XML_PATH_ABSENT"));
        assertThat(summary.subList(0, 11)).extracting(r -> r.get(0)).as("the lines senders parse, where they were").containsExactly(
                "回执", "文件名", "批次号", "状态", "接收时间", "读取行数", "接受行数", "拒绝行数", "跳过行数", "处理次数", "回执时间");

        Element xml = outboxXmlReceipt(id);
        assertThat(xml.getElementsByTagNameNS(RECEIPT_NS, "specVersion").item(0).getTextContent()).isEqualTo(version);
        NodeList xmlWarnings = xml.getElementsByTagNameNS(RECEIPT_NS, "fileWarning");
        assertThat(xmlWarnings.getLength()).isEqualTo(1);
        assertThat(((Element) xmlWarnings.item(0)).getAttribute("column")).isEqualTo("emergency_code");
        NodeList problems = xml.getElementsByTagNameNS(RECEIPT_NS, "problem");
        for (int i = 0; i < problems.getLength(); i++) {
            assertThat(((Element) problems.item(i)).getAttribute("code")).isNotEqualTo("XML_PATH_ABSENT");
        }

        Map<String, Object> api = http().get().uri("/api/batches/{id}", id).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(api.get("fileWarnings")).asList().singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "XML_PATH_ABSENT").containsEntry("column", "emergency_code");
        List<Map<String, Object>> errors = http().get().uri("/api/batches/{id}/errors", id).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(errors).noneMatch(e -> "XML_PATH_ABSENT".equals(e.get("code")));

        String page = get("/console/batches/" + id);
        assertThat(ConsolePagesTest.section(page, "id=\"file-warnings\"", "</section>")).contains("XML_PATH_ABSENT", "emergency_code");

        assertThat(reportBatchSheet(id)).contains(List.of("映射版本", version))
                .anySatisfy(l -> assertThat(l.subList(0, 2)).containsExactly("文件警告", "XML_PATH_ABSENT"));
    }

    @Test
    void theFilesWarningOutlivesTheRowProblemsPurgeAndAReprocessGivesItOnceAndToNoRow() throws Exception {
        String sample = new String(SampleCorpus.bytes("elevator/elevator-maint-husheng/input/" + FILE), GBK);
        String id = ingest(SOURCE, FILE, (sample.replace("emergency_code>", "emergency_no>") + "\r\n\r\n\r\n").getBytes(GBK));

        http().post().uri("/api/batches/{id}/reprocess", id).retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Batch b = batches.findById(id).orElseThrow();
            return b.attempt() == 2 && b.status().name().equals("LOADED") && progress.of(id).map(p -> !p.running()).orElse(false);
        });
        List<CSVRecord> reprocessed = outboxReceipt(id, "2");
        assertThat(reprocessed).filteredOn(r -> r.get(0).equals("文件警告")).hasSize(1);
        assertThat(reprocessed).noneMatch(r -> r.size() > 4 && r.get(4).equals("XML_PATH_ABSENT"));

        // as the archive purge leaves the batch: marked, its problem rows gone with the original
        assertThat(retention.markArchivePurged(id, OffsetDateTime.now().plusDays(1))).isTrue();
        jdbc.sql("DELETE FROM batch_error WHERE batch_id = ?").param(id).update();
        String downloaded = new String(http().get().uri("/console/batches/{id}/receipt.csv", id).retrieve().body(byte[].class),
                Charset.forName("GB18030"));
        assertThat(downloaded).contains("\r\n文件警告,XML_PATH_ABSENT,");
    }

    /** The outbox receipt once it is the batch's (the same file name is sent again by the other test). */
    private List<CSVRecord> outboxReceipt(String id) throws IOException {
        return outboxReceipt(id, "1");
    }

    private List<CSVRecord> outboxReceipt(String id, String attempt) throws IOException {
        Path receipt = storage.outbox(SOURCE).resolve(FILE + ".receipt.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (!Files.exists(receipt)) {
                return false;
            }
            List<CSVRecord> lines = parse(Files.readString(receipt, Charset.forName("GB18030")));
            return line(lines, "批次号").get(1).equals(id) && line(lines, "处理次数").get(1).equals(attempt);
        });
        return parse(Files.readString(receipt, Charset.forName("GB18030")));
    }

    private Element outboxXmlReceipt(String id) throws Exception {
        Path receipt = storage.outbox(SOURCE).resolve(FILE + ".receipt.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt) && Files.readString(receipt).contains(id));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(receipt.toFile()).getDocumentElement();
    }

    private List<List<String>> reportBatchSheet(String id) throws IOException {
        byte[] report = http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().body(byte[].class);
        List<List<String>> lines = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            Sheet sheet = workbook.getSheet("批次");
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.getStringCellValue()));
                lines.add(cells);
            }
        }
        return lines;
    }

    private String get(String path) {
        return http().get().uri(path).retrieve().body(String.class);
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }

    private static List<String> line(List<CSVRecord> lines, String label) {
        return lines.stream().filter(r -> r.get(0).equals(label)).findFirst().map(r -> List.of(r.values()))
                .orElseThrow(() -> new AssertionError("no line " + label));
    }

    private static int indexOf(List<CSVRecord> lines, String first) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).get(0).equals(first)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + first);
    }
}
