package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/batches/{id}/original}: the archived file, byte for byte. */
class OriginalFileControllerTest extends ConsoleTestSupport {

    @Test
    void originalIsTheFileAsReceivedAsAnAttachmentWithItsDigest() {
        byte[] sent = freshSample();
        String id = ingest("meat-original", "交易明细_20261127.csv", sent);

        ResponseEntity<byte[]> response = http().get().uri("/api/batches/{id}/original", id).retrieve().toEntity(byte[].class);

        assertThat(response.getBody()).isEqualTo(sent);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/octet-stream");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment;").endsWith("filename*=UTF-8''%E4%BA%A4%E6%98%93%E6%98%8E%E7%BB%86_20261127.csv");
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeaders().getFirst("Repr-Digest"))
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(sent))) + ":");
        assertThat(response.getHeaders().getETag()).isEqualTo("\"" + sha256(sent) + "\"");
    }

    @Test
    void aMissingArchiveFileIsAnErrorForTheAdminsNotAnEmptyDownload() throws Exception {
        String id = ingestSample("meat-original");
        String path = jdbc.sql("SELECT archive_path FROM batch WHERE id = ?").param(id).query(String.class).single();
        Files.delete(storage.resolve(path));

        Map<String, Object> problem = problem("/api/batches/" + id + "/original", 500);

        assertThat(problem).containsEntry("code", "ORIGINAL_MISSING");
        assertThat((String) problem.get("detail")).contains(id).contains("归档文件缺失");
    }

    @Test
    void unknownAndMalformedBatchIdsAreNotFound() {
        assertThat(problem("/api/batches/20260101-0000000000/original", 404)).containsEntry("code", "BATCH_NOT_FOUND");
        assertThat(problem("/api/batches/not-a-batch/original", 404)).containsEntry("code", "BATCH_NOT_FOUND");
    }

    private Map<String, Object> problem(String uri, int status) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + uri)).exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(status);
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
    }
}
