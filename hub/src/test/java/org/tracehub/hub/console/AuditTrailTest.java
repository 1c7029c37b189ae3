package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.tracehub.samples.SampleCorpus;

/**
 * The audit log: downloads of what a sender sent and every POST are recorded with who, what, when,
 * which batch or source and the outcome; {@code GET /api/audit} and the console page list them.
 */
class AuditTrailTest extends ConsoleTestSupport {

    @Test
    void downloadsAreRecordedWithTheBatchTheAnonymousUserAndTheOutcome() {
        String id = ingestSample("meat-audit");

        http().get().uri("/api/batches/{id}/original", id).retrieve().toBodilessEntity();
        http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().toBodilessEntity();
        http().get().uri("/console/batches/{id}/receipt.csv", id).retrieve().toBodilessEntity();

        List<Map<String, Object>> entries = audit("?batch=" + id);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("DOWNLOAD_RECEIPT", "DOWNLOAD_ERROR_REPORT",
                "DOWNLOAD_ORIGINAL");
        assertThat(entries).allSatisfy(e -> assertThat(e).containsEntry("who", "admin").containsEntry("batchId", id)
                .containsEntry("sourceId", "meat-audit").containsEntry("outcome", 200));
        assertThat(entries.get(2)).containsEntry("actionText", "下载原始文件");
        assertThat(entries.get(0).get("actedAt")).isNotNull();
    }

    @Test
    void aRefusedDownloadIsRecordedWithItsStatusAndReason() {
        http().get().uri("/api/batches/{id}/original", "20260101-00000000ff").exchange((req, res) -> res.getStatusCode());

        Map<String, Object> entry = audit("?batch=20260101-00000000ff").get(0);

        assertThat(entry).containsEntry("action", "DOWNLOAD_ORIGINAL").containsEntry("outcome", 404);
        assertThat((String) entry.get("detail")).contains("BATCH_NOT_FOUND").doesNotContain("Exception:");
    }

    @Test
    void aPostToASourceWhoseIdIsTooLongForItsColumnIsStillRecorded() {
        String probe = "s".repeat(80);
        http().post().uri("/api/sources/{id}/files", probe).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new LinkedMultiValueMap<String, Object>()).exchange((req, res) -> res.getStatusCode());

        assertThat(audit("")).anySatisfy(e -> {
            assertThat(e.get("sourceId")).isNull();
            assertThat((String) e.get("detail")).startsWith("source=" + probe);
        });
    }

    @Test
    void theBatchPageShowsTheNewestEntriesAndLinksToTheBatchsWholeTrail() {
        String id = ingestSample("meat-audit");
        for (int i = 0; i < 21; i++) {
            http().get().uri("/api/batches/{id}/original", id).retrieve().toBodilessEntity();
        }

        String page = http().get().uri("/console/batches/{id}", id).retrieve().body(String.class);
        assertThat(page).contains("最近 20 条，共 21 条").contains("/console/audit?batch=" + id);

        String trail = http().get().uri("/console/audit?batch={id}", id).retrieve().body(String.class);
        assertThat(trail).contains("id=\"audit-batch\"");
        assertThat(trail.split("<td>下载原始文件</td>", -1)).as("every download of the batch, the 21st too").hasSize(22);
        int malformed = http().get().uri("/console/audit?batch=not-a-batch").exchange((req, res) -> res.getStatusCode().value());
        assertThat(malformed).isEqualTo(400);
    }

    @Test
    void everyPostIsRecordedEvenWithoutAnAnnotationWithTheSourceItConcerned() {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("spec", SpecDryRunControllerTest.file("meat-audit.yaml",
                builtInSpec().replace("source: meat-wholesale-xj", "source: meat-audit").getBytes(StandardCharsets.UTF_8)));
        parts.add("file", SpecDryRunControllerTest.file("交易明细_20261127.csv", SampleCorpus.bytes(SAMPLE)));
        http().post().uri("/api/specs/dry-run").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toBodilessEntity();

        Map<String, Object> entry = audit("").stream().filter(e -> "meat-audit".equals(e.get("sourceId"))
                && e.get("batchId") == null).findFirst().orElseThrow();

        assertThat(entry).containsEntry("action", "SPEC_DRY_RUN").containsEntry("actionText", "映射试运行")
                .containsEntry("outcome", 200).containsEntry("who", "admin");
        assertThat((String) entry.get("detail")).contains("read=10 accepted=7 rejected=3").contains("file=交易明细_20261127.csv");
    }

    @Test
    void anUploadIsRecordedWithTheBatchItCreated() {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", SpecDryRunControllerTest.file("交易明细_20261127.csv", freshSample()));
        var response = http().post().uri("/api/sources/{id}/files", "meat-audit").contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        String batchId = (String) response.getBody().get("batchId");

        Map<String, Object> entry = audit("?batch=" + batchId).get(0);

        assertThat(entry).containsEntry("action", "UPLOAD").containsEntry("actionText", "上传文件").containsEntry("sourceId", "meat-audit")
                .containsEntry("outcome", 202);
        assertThat((String) entry.get("detail")).contains("file=交易明细_20261127.csv");
    }

    @Test
    void anUploadWhoseMultipartBodyCannotBeReadIsABadRequestAndStillRecorded() {
        // curl -H 'Content-Type: multipart/form-data' --data-binary @x.csv: a body with no boundary to split it by
        Map.Entry<Integer, String> answer = http().post().uri("/api/sources/{id}/files", "meat-audit")
                .header("Content-Type", "multipart/form-data").body(freshSample())
                .exchange((req, res) -> Map.entry(res.getStatusCode().value(), new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(answer.getKey()).isEqualTo(400);
        assertThat(answer.getValue()).contains("\"code\":\"MULTIPART_INVALID\"", "请求内容无法解析").doesNotContain("Exception", "INTERNAL_ERROR");
        assertThat(audit("")).filteredOn(e -> "meat-audit".equals(e.get("sourceId")) && Integer.valueOf(400).equals(e.get("outcome")))
                .first().satisfies(e -> assertThat(e).containsEntry("action", "UPLOAD").containsEntry("who", "admin"));
    }

    @Test
    void aDryRunFormWhoseMultipartBodyCannotBeReadIsABadRequestPageAndStillRecorded() {
        // the console's own form posted by a script that forgot the boundary, as the upload above
        Map.Entry<Integer, String> answer = http().post().uri("/console/dry-run").header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data").body(freshSample())
                .exchange((req, res) -> Map.entry(res.getStatusCode().value(), new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(answer.getKey()).isEqualTo(400);
        assertThat(answer.getValue()).contains("id=\"client-error\"", "data-error-code=\"MULTIPART_INVALID\"", "请求内容无法解析",
                "返回管理台").doesNotContain("系统暂时无法处理", "Exception");
        assertThat(audit("")).filteredOn(e -> "SPEC_DRY_RUN".equals(e.get("action")) && Integer.valueOf(400).equals(e.get("outcome")))
                .first().satisfies(e -> assertThat(e).containsEntry("who", "admin")
                        .satisfies(entry -> assertThat((String) entry.get("detail")).startsWith("MULTIPART_INVALID: 请求内容无法解析")));
    }

    @Test
    void aMalformedBatchFilterIsABadRequest() {
        int status = http().get().uri("/api/audit?batch=x' OR 1=1").exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(400);
    }

    private List<Map<String, Object>> audit(String query) {
        return http().get().uri("/api/audit" + query).retrieve().body(new ParameterizedTypeReference<>() { });
    }
}
