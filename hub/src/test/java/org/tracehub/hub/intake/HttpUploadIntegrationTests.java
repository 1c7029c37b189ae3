package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;

/**
 * {@code POST /api/sources/{id}/files}: the same intake as SFTP, answered at once with the batch id;
 * the drop-box's size limit; problems for unknown sources and oversized files.
 */
class HttpUploadIntegrationTests extends IntakeIntegrationSupport {

    @Test
    void uploadIsAcceptedWithItsBatchIdAndEndsLoadedWithAReceiptInTheOutbox() throws Exception {
        String name = uniqueName();
        byte[] content = variant();

        ResponseEntity<Map<String, Object>> response = upload("meat-xj-3", name, content);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        Map<String, Object> body = response.getBody();
        assertThat(body).containsEntry("status", "RECEIVED").containsEntry("statusText", "已接收，等待处理").containsEntry("fileName", name);
        String batchId = (String) body.get("batchId");
        assertThat(batchId).matches("\\d{8}-[0-9a-f]{10}");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/batches/" + batchId);

        Map<String, Object> batch = awaitBatch("meat-xj-3", name, Set.of("LOADED"));
        assertThat(batch).containsEntry("id", batchId).containsEntry("transport", "HTTP").containsEntry("rows_read", 10L)
                .containsEntry("rows_accepted", 7L).containsEntry("rows_rejected", 3L);
        assertThat(java.nio.file.Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        List<CSVRecord> receipt = awaitReceipt("meat-xj-3", name, batchId, "LOADED");
        assertThat(problems(receipt)).isEqualTo(SAMPLE_PROBLEMS);
    }

    @Test
    void sameContentAgainIsADuplicateAnsweredWithItsOwnBatch() throws Exception {
        byte[] content = variant();
        String first = uniqueName();
        String again = uniqueName();
        String firstId = (String) upload("meat-xj-4", first, content).getBody().get("batchId");

        ResponseEntity<Map<String, Object>> response = upload("meat-xj-4", again, content);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("status", "DUPLICATE").containsEntry("statusText", "重复文件，未处理");
        String duplicateId = (String) response.getBody().get("batchId");
        assertThat(batches("meat-xj-4", again)).singleElement().satisfies(b -> assertThat(b)
                .containsEntry("id", duplicateId).containsEntry("duplicate_of", firstId).containsEntry("transport", "HTTP"));
        List<CSVRecord> receipt = awaitReceipt("meat-xj-4", again, duplicateId, "DUPLICATE");
        assertThat(line(receipt, "原因").get(2)).contains(firstId);
    }

    @Test
    void emptyFileIsAnsweredAsEmpty() {
        String name = uniqueName();

        ResponseEntity<Map<String, Object>> response = upload("meat-xj-5", name, new byte[0]);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("status", "EMPTY");
        List<CSVRecord> receipt = awaitReceipt("meat-xj-5", name, (String) response.getBody().get("batchId"), "EMPTY");
        assertThat(line(receipt, "原因").get(1)).isEqualTo("FILE_EMPTY");
    }

    @Test
    void fileLargerThanTheDropBoxAcceptsIsRefusedWith413AndNothingIsTakenIn() {
        String name = uniqueName();

        ResponseEntity<Map<String, Object>> response = upload("meat-xj-5", name, new byte[(int) MAX_FILE_SIZE + 1]);

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).containsEntry("code", "FILE_TOO_LARGE").containsEntry("status", 413)
                .as("the drop-box's words, the size as a clerk reads it").containsEntry("detail", "文件超过平台允许的大小（2 MB），未接收");
        assertThat(batches("meat-xj-5", name)).isEmpty();
        // the audit interceptor reads the file names of a body that failed to parse: it still writes its entry
        assertThat(jdbc.sql("SELECT action, outcome FROM audit_log WHERE source_id = 'meat-xj-5' AND outcome = 413").query().listOfRows())
                .isNotEmpty().allSatisfy(row -> assertThat(row.values()).containsExactly("UPLOAD", 413));
    }

    @Test
    void fileOfExactlyTheLimitIsTakenIn() {
        String name = uniqueName();

        ResponseEntity<Map<String, Object>> response = upload("meat-xj-5", name, new byte[(int) MAX_FILE_SIZE]);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(batches("meat-xj-5", name)).singleElement().satisfies(b -> assertThat(b).containsEntry("size_bytes", MAX_FILE_SIZE));
    }

    @Test
    void uploadForAnUnknownSourceIsA404Problem() {
        ResponseEntity<Map<String, Object>> response = admin().post().uri("/api/sources/{id}/files", "no-such-market")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(filePart(uniqueName(), variant()))
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).containsEntry("code", "SOURCE_NOT_FOUND");
    }

    @Test
    void requestWithoutAFilePartIsA400Problem() {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("comment", "no file here");

        ResponseEntity<Map<String, Object>> response = admin().post().uri("/api/sources/{id}/files", XJ)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("code", "FILE_MISSING");
    }

    @Test
    void aSenderMayNotUploadForAnotherSource() {
        ResponseEntity<Map<String, Object>> response = upload("meat-xj-3", "meat-xj-4", uniqueName(), variant());

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).containsEntry("code", "ACCESS_DENIED");
    }

    @Test
    void aWrongPasswordIsA401ProblemWithTheBasicChallenge() {
        ResponseEntity<Map<String, Object>> response = RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort)
                .defaultHeaders(h -> h.setBasicAuth("meat-xj-3", "not-the-password")).build()
                .post().uri("/api/sources/{id}/files", "meat-xj-3").contentType(MediaType.MULTIPART_FORM_DATA).body(filePart(uniqueName(), variant()))
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic realm=\"Trace Hub\"");
        assertThat(response.getBody()).containsEntry("code", "UNAUTHENTICATED");
    }

    /** A tab or a line break is no name an export gives a file: in a receipt's name or a log line it only misleads. */
    @ParameterizedTest
    @ValueSource(strings = {"filename*=UTF-8''a%09b.csv", "filename*=UTF-8''a%0D%0Ab.csv", "filename*=UTF-8''a%C2%85b.csv"})
    void aFileNameWithAControlCharacterIsRefusedWith400AndNothingIsTakenIn(String dispositionName) {
        long before = batchCount(XJ);

        ResponseEntity<Map<String, Object>> response = uploadWithDisposition(dispositionName);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("code", "FILE_NAME_INVALID")
                .containsEntry("detail", "文件名含有控制字符（如空字符、换行或制表符），未接收，请改名后重新上传");
        assertThat(batchCount(XJ)).isEqualTo(before);
    }

    /**
     * A NUL, which PostgreSQL cannot store in a batch's file name, never reaches the hub: the servlet container's multipart
     * parser refuses such a name however it is written (as it is, in an RFC 2047 word, in RFC 5987's {@code filename*}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"filename=\"a\u0000b.csv\"", "filename=\"=?UTF-8?B?5Lqk5piTAOaYjue7hi5jc3Y=?=\"",
            "filename*=UTF-8''a%00b.csv"})
    void aFileNameWithANulIsRefusedWith400AndNothingIsTakenIn(String dispositionName) {
        long before = batchCount(XJ);

        assertThat(uploadWithDisposition(dispositionName).getStatusCode().value()).isEqualTo(400);
        assertThat(batchCount(XJ)).isEqualTo(before);
    }

    private ResponseEntity<Map<String, Object>> uploadWithDisposition(String dispositionName) {
        return as(XJ).post().uri("/api/sources/{id}/files", XJ)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
                .body(multipartBody(dispositionName, variant()))
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));
    }

    private static final String BOUNDARY = "tracehub-test-boundary";

    /** A multipart body written by hand: Spring's client would encode or refuse the name it is given. */
    private static byte[] multipartBody(String dispositionName, byte[] content) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; " + dispositionName
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private long batchCount(String source) {
        return jdbc.sql("SELECT COUNT(*) FROM batch WHERE source_id = ?").param(source).query(Long.class).single();
    }

    /** Uploads as the sender itself, with its drop-box password: every drop-box account is also a SOURCE user. */
    private ResponseEntity<Map<String, Object>> upload(String source, String name, byte[] content) {
        return upload(source, source, name, content);
    }

    private ResponseEntity<Map<String, Object>> upload(String user, String source, String name, byte[] content) {
        return as(user).post().uri("/api/sources/{id}/files", source).contentType(MediaType.MULTIPART_FORM_DATA).body(filePart(name, content))
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));
    }

    private static LinkedMultiValueMap<String, Object> filePart(String name, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return parts;
    }

    private RestClient as(String user) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort).defaultHeaders(h -> h.setBasicAuth(user, password(user))).build();
    }

    private RestClient admin() {
        return HubTestUsers.admin("http://127.0.0.1:" + httpPort);
    }
}
