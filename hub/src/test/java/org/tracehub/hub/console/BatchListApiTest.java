package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** {@code GET /api/batches?from=&to=}, {@code GET /api/batches/{id}/errors?page=}, and what Spring refuses on API paths. */
class BatchListApiTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-console";

    @Autowired
    Clock clock;

    @Test
    void batchesAreFilteredByDaysReceivedInTheHubTimeZone() {
        String id = ingestSample(SOURCE);
        LocalDate received = receivedDay(id, clock);

        assertThat(ids("/api/batches?source=" + SOURCE + "&from=" + received + "&to=" + received)).contains(id);
        assertThat(ids("/api/batches?source=" + SOURCE + "&from=" + received.plusDays(1))).doesNotContain(id);
        assertThat(ids("/api/batches?source=" + SOURCE + "&to=" + received.minusDays(1))).doesNotContain(id);
        Map<String, Object> problem = http().get().uri("/api/batches?from=yesterday").exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(400);
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
        assertThat(problem).containsEntry("code", "BAD_REQUEST");
    }

    @Test
    void aDayOutsideTheYearsABatchCanHaveIsABadRequestNotAServerError() {
        String id = ingestSample(SOURCE);
        // %2B: a '+' the client encoded (a raw '+' in a query is a space); the day after +999999999-12-31 does not exist
        for (String query : List.of("to=%2B999999999-12-31", "from=%2B999999999-12-31", "from=-999999999-01-01",
                "to=1999-12-31", "from=%2B10000-01-01")) {
            Map<String, Object> problem = problem(http().get().uri(URI.create("http://localhost:" + port + "/api/batches?" + query)), 400);
            assertThat(problem).as(query).containsEntry("code", "BAD_REQUEST");
            assertThat((String) problem.get("detail")).as(query).startsWith("日期超出范围");
        }
        // the years' ends themselves are days a list can be filtered by
        assertThat(ids("/api/batches?source=" + SOURCE + "&from=2000-01-01&to=9999-12-31")).contains(id);
    }

    @Autowired
    org.tracehub.hub.dropbox.DropBoxLifecycle dropBox;

    @Test
    @SuppressWarnings("unchecked")
    void aSourceWithADropBoxAccountIsToldItsPortAndHostKeyToCheckBeforeItsFirstUpload() {
        Map<String, Object> source = http().get().uri("/api/sources/{id}", NO_SPEC_SOURCE).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });

        Map<String, Object> sftp = (Map<String, Object>) source.get("sftp");
        assertThat(sftp).containsEntry("hostKey", dropBox.server().hostKeyFingerprint()).containsEntry("port", dropBox.server().port());
        assertThat((String) sftp.get("hostKey")).startsWith("SHA256:");
        // a source that only sends over HTTP has no drop-box to check
        Map<String, Object> httpOnly = http().get().uri("/api/sources/{id}", SOURCE).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(httpOnly.get("sftp")).isNull();
    }

    @Test
    void whatSpringRefusesOnAnApiPathIsAProblemDocumentWithACode() {
        assertThat(http().get().uri("/api/batches?page=200").retrieve().body(List.class)).as("beyond the last page").isEmpty();
        assertThat(http().get().uri("/api/audit?page=200").retrieve().body(List.class)).isEmpty();
        assertThat(problem(http().get().uri("/api/batches?page=x"), 400))
                .containsEntry("code", "BAD_REQUEST").containsEntry("detail", "参数“page”的值“x”无效");
        String id = ingestSample(SOURCE);
        assertThat(problem(http().get().uri("/api/batches/" + id + "/reprocess"), 405))
                .containsEntry("code", "METHOD_NOT_ALLOWED").containsEntry("detail", "接口/api/batches/" + id + "/reprocess不支持GET请求");
        assertThat(problem(http().get().uri("/api/batches/" + id + "/no-such-thing"), 404))
                .containsEntry("code", "NOT_FOUND").containsEntry("type", "urn:tracehub:problem:not-found");
        assertThat(problem(http().post().uri("/api/sources/" + SOURCE + "/files").contentType(MediaType.APPLICATION_JSON).body("{}"), 415))
                .containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
        // the receipts answer an unknown batch as every other path of a batch does
        for (String receipt : List.of("receipt.csv", "receipt.xml")) {
            assertThat(problem(http().get().uri("/api/batches/20261128-0000000000/" + receipt), 404))
                    .containsEntry("code", "BATCH_NOT_FOUND").containsEntry("detail", "批次不存在：20261128-0000000000");
        }
    }

    /**
     * A page is read by skipping every row before it, so no list pages deeper than 10,000 rows: past that the API says to
     * narrow the list (from/to), with a stable code, instead of reading for seconds.
     */
    @Test
    void aPageDeeperThanTenThousandRowsIsRefusedWithItsCodeAndHowToNarrowTheList() {
        assertThat(problem(http().get().uri("/api/batches?page=201"), 400)).containsEntry("code", "PAGE_TOO_DEEP")
                .containsEntry("detail", "页码过大：此列表最多翻到第 200 页（page 从 0 起）。"
                        + "更早的批次请用 from/to（日期或时间）缩小范围，再从第 0 页翻起。");
        assertThat(problem(http().get().uri("/api/batches?page=50000000&from=2026-11-01"), 400)).containsEntry("code", "PAGE_TOO_DEEP");
        assertThat(problem(http().get().uri("/api/audit?page=201"), 400)).containsEntry("code", "PAGE_TOO_DEEP");
        String id = ingestSample(SOURCE);
        assertThat(problem(http().get().uri("/api/batches/" + id + "/errors?page=201"), 400)).containsEntry("code", "PAGE_TOO_DEEP");
    }

    private static Map<String, Object> problem(RestClient.RequestHeadersSpec<?> request, int status) {
        return request.exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(status);
            assertThat(res.getHeaders().getContentType()).hasToString("application/problem+json");
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
    }

    @Test
    void errorsComeAllAtOnceOrPageByPage() {
        String id = ingestSample(SOURCE);

        assertThat(rows("/api/batches/" + id + "/errors")).containsExactly(5, 8, 10, 11);
        assertThat(rows("/api/batches/" + id + "/errors?page=0")).containsExactly(5, 8, 10, 11);
        assertThat(rows("/api/batches/" + id + "/errors?page=1")).isEmpty();
    }

    private List<Object> ids(String uri) {
        List<Map<String, Object>> list = http().get().uri(uri).retrieve().body(new ParameterizedTypeReference<>() { });
        return list.stream().map(b -> b.get("id")).toList();
    }

    private List<Object> rows(String uri) {
        List<Map<String, Object>> list = http().get().uri(uri).retrieve().body(new ParameterizedTypeReference<>() { });
        return list.stream().map(p -> p.get("row")).toList();
    }
}
