package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.tracehub.samples.SampleCorpus;

/** {@code POST /api/specs/dry-run}: a spec and a sample in, events and problems out, nothing loaded. */
class SpecDryRunControllerTest extends ConsoleTestSupport {

    private static final String FILE = "交易明细_20261127.csv";

    @Test
    void convertsTheSampleWithTheSpecAndReturnsTheFirstEventsAndEveryProblemWithoutLoadingAnything() {
        long batchesBefore = count("batch");
        long eventsBefore = count("trace_event");
        long stagedBefore = count("staged_event");

        Map<String, Object> result = post(builtInSpec(), FILE, SampleCorpus.bytes(SAMPLE), 2, 200);

        assertThat(result).containsEntry("source", "meat-wholesale-xj").containsEntry("fileMatch", "交易明细_*.csv")
                .containsEntry("encoding", "GB18030").containsEntry("problemsTruncated", false).containsEntry("rowNumbering", "LINES");
        assertThat(result.get("refusal")).as("3 of 10 rejected, under the spec's threshold").isNull();
        assertThat(result.get("counts")).isEqualTo(Map.of("read", 10, "accepted", 7, "rejected", 3, "skipped", 1));
        List<Map<String, Object>> events = list(result, "events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).containsEntry("row", 3).containsEntry("traceCode", "XJM2611270001");
        assertThat((String) events.get(0).get("xml")).startsWith("<").contains("urn:shanghai:trace:standard:1")
                .contains("XJM2611270001");
        assertThat(list(result, "problems")).extracting(p -> p.get("row") + " " + p.get("severity") + " " + p.get("code"))
                .containsExactly("5 ERROR USCC_CHARACTER", "8 ERROR CERTIFICATE_REQUIRED", "10 ERROR QUANTITY_NOT_POSITIVE",
                        "11 WARNING USCC_CHECK_DIGIT");
        assertThat(list(result, "problems").get(2)).containsEntry("column", "重量(斤)").containsEntry("value", "-35");

        assertThat(count("batch")).isEqualTo(batchesBefore);
        assertThat(count("trace_event")).isEqualTo(eventsBefore);
        assertThat(count("staged_event")).isEqualTo(stagedBefore);
    }

    @Test
    void anXmlSampleWrittenOnOneLineNumbersItsProblemsByRecordAndThePageHeadsThemSo() {
        String spec = spec("sources/elevator-maint-husheng.yaml");
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        byte[] oneLine = new String(SampleCorpus.bytes("elevator/elevator-maint-husheng/input/wb_maint_20261126.xml"), gbk)
                .replaceAll("\\r?\\n\\s*", "").getBytes(gbk);
        assertThat(new String(oneLine, gbk).lines().count()).isEqualTo(1);

        Map<String, Object> result = post(spec, "wb_maint_20261127.xml", oneLine, 2, 200);

        // the CLI's convert of the same file numbers them so (ConvertCommandTest): the 4th, 5th … record, not line
        assertThat(result).containsEntry("rowNumbering", "RECORDS");
        assertThat(list(result, "problems")).extracting(p -> String.valueOf(p.get("row"))).containsExactly("4", "5", "6", "8", "10");

        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("specText", spec);
        parts.add("file", file("wb_maint_20261127.xml", oneLine));
        String page = http().post().uri("/console/dry-run").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve()
                .body(String.class);
        assertThat(page).contains("<th>记录号</th>").doesNotContain("<th>行号</th>");
    }

    /** As convert exits 2 and the import job fails the batch (REJECT_THRESHOLD): not "some rows rejected". */
    @Test
    void saysTheHubWouldRefuseASampleWithMoreRowsRejectedThanTheSpecAllowsOnTheApiAndInARedCardOnThePage() {
        String spec = builtInSpec().replaceFirst("(?m)^rejectThreshold:.*$", "rejectThreshold: 0.1");
        assertThat(spec).contains("rejectThreshold: 0.1");

        Map<String, Object> result = post(spec, FILE, SampleCorpus.bytes(SAMPLE), 2, 200);

        assertThat(result.get("counts")).isEqualTo(Map.of("read", 10, "accepted", 7, "rejected", 3, "skipped", 1));
        assertThat(result.get("refusal")).isEqualTo(Map.of("code", "REJECT_THRESHOLD",
                "message", "被拒绝的行数（3/10）超过本来源允许的比例10%，服务器会拒收整个文件"));
        assertThat(list(result, "events")).hasSize(2);

        String page = postPage(spec, FILE, SampleCorpus.bytes(SAMPLE));
        assertThat(page).contains("<section class=\"card alert\" id=\"dry-run-refused-whole\">")
                .contains("<code>REJECT_THRESHOLD</code>").contains("被拒绝的行数（3/10）超过本来源允许的比例10%，服务器会拒收整个文件");
        assertThat(postPage(builtInSpec(), FILE, SampleCorpus.bytes(SAMPLE))).doesNotContain("dry-run-refused-whole");
    }

    @Test
    void saysTheHubWouldRefuseASampleWithoutDataRows() {
        java.nio.charset.Charset gb18030 = java.nio.charset.Charset.forName("GB18030");
        String onlyTotals = new String(SampleCorpus.bytes(SAMPLE), gb18030).lines().filter(l -> !l.matches("^\\d+,.*"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        Map<String, Object> result = post(builtInSpec(), FILE, onlyTotals.getBytes(gb18030), 20, 200);

        assertThat(result.get("counts")).isEqualTo(Map.of("read", 0, "accepted", 0, "rejected", 0, "skipped", 1));
        assertThat(result.get("refusal")).isEqualTo(Map.of("code", "FILE_EMPTY", "message", "文件中没有数据行，服务器会拒收整个文件"));
        assertThat(postPage(builtInSpec(), FILE, onlyTotals.getBytes(gb18030))).contains("id=\"dry-run-refused-whole\"")
                .contains("<code>FILE_EMPTY</code>");
    }

    /** A chosen file of 0 bytes: the page asked to choose a file; the API blamed a missing header. */
    @Test
    void aZeroByteSampleIsSaidToBeEmptyOnTheApiAndThePage() {
        Map<String, Object> problem = post(builtInSpec(), FILE, new byte[0], 20, 422);

        assertThat(problem).containsEntry("code", "SAMPLE_UNREADABLE").containsEntry("fileCode", "FILE_EMPTY");
        assertThat((String) problem.get("detail")).isEqualTo("样例文件“" + FILE + "”为空（0字节），服务器会拒收这样的文件");

        String page = postPage(builtInSpec(), FILE, new byte[0]);
        assertThat(ConsolePagesTest.section(page, "id=\"dry-run-refusal\"", "</main>")).contains("<code>FILE_EMPTY</code>")
                .contains("样例文件“" + FILE + "”为空（0字节）").doesNotContain("请填写映射内容并选择样例文件");
    }

    /** Events are headed as the problems are: 第5行, or 第5条记录 for an XML sample whose records share lines. */
    @Test
    void thePageHeadsEachEventWithItsLineOrItsRecord() {
        String spec = spec("sources/elevator-maint-husheng.yaml");
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        byte[] lines = SampleCorpus.bytes("elevator/elevator-maint-husheng/input/wb_maint_20261126.xml");
        byte[] oneLine = new String(lines, gbk).replaceAll("\\r?\\n\\s*", "").getBytes(gbk);

        String byRecord = postPage(spec, "wb_maint_20261127.xml", oneLine);
        String byLine = postPage(builtInSpec(), FILE, SampleCorpus.bytes(SAMPLE));

        assertThat(byRecord).contains("<summary>第1条记录 · ").doesNotContain("<summary>第 ");
        assertThat(byLine).contains("<summary>第3行 · XJM2611270001 · ").doesNotContain("<summary>第 ");
    }

    @Test
    void aShippedSpecWithLookupFilesTriesItsOwnSampleReadingTheLookupsBesideTheSourcesSpec() {
        String spec = spec("sources/vegetable-wholesale-xj.yaml");

        Map<String, Object> result = post(spec, "蔬菜交易明细_20261127.csv",
                SampleCorpus.bytes("vegetable/vegetable-wholesale-xj/input/蔬菜交易明细_20261127.csv"), 20, 200);

        assertThat(result).containsEntry("source", "vegetable-wholesale-xj");
        assertThat(list(result, "problems")).extracting(p -> p.get("row") + " " + p.get("code"))
                .contains("6 LOOKUP_MISSING").doesNotContain("0 SPEC_INVALID");
        assertThat(list(result, "events")).hasSize(10);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "vegetable-base-chongming, vegetable/vegetable-base-chongming/input/采收登记表_20261126.xls",
            "vegetable-wetmarket-sanlin, vegetable/vegetable-wetmarket-sanlin/input/三林菜场进货台账_20261127.xlsx"})
    void theOtherShippedSpecsWithLookupFilesTryTheirOwnSamples(String source, String sample) {
        String name = sample.substring(sample.lastIndexOf('/') + 1);

        Map<String, Object> result = post(spec("sources/" + source + ".yaml"), name, SampleCorpus.bytes(sample), 20, 200);

        assertThat(result).containsEntry("source", source);
        assertThat(list(result, "events")).isNotEmpty();
    }

    @Test
    void aSpecCannotNameALookupFileOutsideItsSourcesFolder() {
        String spec = spec("sources/vegetable-wholesale-xj.yaml").replace("file: lookups/veg-products.csv",
                "file: ../application.yml");

        Map<String, Object> problem = post(spec, "蔬菜交易明细_20261127.csv",
                SampleCorpus.bytes("vegetable/vegetable-wholesale-xj/input/蔬菜交易明细_20261127.csv"), 20, 422);

        assertThat(problem).containsEntry("code", "SPEC_INVALID");
    }

    @Test
    void aSpecThatDoesNotLoadIsA422ListingEveryProblemWithLineAndKey() {
        String broken = builtInSpec().replace("category: MEAT", "category: VEG").replace("step: WHOLESALE", "step: SELLING");

        Map<String, Object> problem = post(broken, FILE, SampleCorpus.bytes(SAMPLE), 20, 422);

        assertThat(problem).containsEntry("code", "SPEC_INVALID").containsEntry("status", 422);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) problem.get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("spec.yaml:6: category:").contains("VEG");
        assertThat(problems.get(1)).matches("spec\\.yaml:\\d+: (files\\[0\\]\\.)?step:.*SELLING.*");
    }

    @Test
    void aSampleWhoseNameNoFileKindMatchesIsA422WithTheIntakesCodeNamingThePatterns() {
        Map<String, Object> problem = post(builtInSpec(), "ledger.csv", SampleCorpus.bytes(SAMPLE), 20, 422);

        assertThat(problem).containsEntry("code", "FILE_UNKNOWN");
        assertThat((String) problem.get("detail")).contains("ledger.csv").contains("交易明细_*.csv");
    }

    @Test
    void aSampleWithoutTheColumnsTheSpecReadsIsA422WithTheFileLevelCode() {
        byte[] wrong = "标题\n序号,别的列\n1,x\n".getBytes(StandardCharsets.UTF_8);

        Map<String, Object> problem = post(builtInSpec(), FILE, wrong, 20, 422);

        assertThat(problem).containsEntry("code", "SAMPLE_UNREADABLE").containsEntry("fileCode", "FILE_HEADER_MISSING");
        assertThat((String) problem.get("detail")).contains("交易凭证号");
    }

    @Test
    void aRequestWithoutTheSampleIsABadRequest() {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("spec", file("spec.yaml", builtInSpec().getBytes(StandardCharsets.UTF_8)));

        Map<String, Object> problem = http().post().uri("/api/specs/dry-run").contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .exchange((req, res) -> {
                    assertThat(res.getStatusCode().value()).isEqualTo(400);
                    return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
                });
        assertThat(problem).containsEntry("code", "BAD_REQUEST");
    }

    Map<String, Object> post(String spec, String fileName, byte[] sample, int limit, int status) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("spec", file("spec.yaml", spec.getBytes(StandardCharsets.UTF_8)));
        parts.add("file", file(fileName, sample));
        return http().post().uri("/api/specs/dry-run?limit={limit}", limit).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .exchange((req, res) -> {
                    assertThat(res.getStatusCode().value()).isEqualTo(status);
                    return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
                });
    }

    /** The console's dry-run page as it answers the form. */
    String postPage(String spec, String fileName, byte[] sample) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("specText", spec);
        parts.add("file", file(fileName, sample));
        return http().post().uri("/console/dry-run").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve()
                .body(String.class);
    }

    static String spec(String classpath) {
        try (InputStream in = new ClassPathResource(classpath).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
