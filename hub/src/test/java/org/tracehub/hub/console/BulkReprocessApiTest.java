package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BulkReprocessStore;

/**
 * {@code POST /api/sources/{id}/reprocess} and its progress, cancel and console pages, in the shared context: the selection
 * by days in the hub's zone, the 409 while the source has an unfinished request, who asked kept with the request and in
 * the audit log. The runner's order, skips and cancel at a batch are the jobs module's (BatchActionsFunctionalTests).
 */
class BulkReprocessApiTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-bulk";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    Clock clock;

    @Autowired
    BulkReprocessStore store;

    @Test
    @SuppressWarnings("unchecked")
    void anAdminReprocessesTheSourcesBatchesOfThePeriodAndFollowsItWhileASecondRequestIsRefused() {
        String first = ingestSample(SOURCE);
        String second = ingestSample(SOURCE);
        LocalDate day = receivedDay(second, clock);
        String period = "from=" + receivedDay(first, clock) + "&to=" + day;
        // a request a node that is gone left with a batch under way holds the source (this node's runner leaves it alone)
        var left = store.create(new BatchListFilter(SOURCE, null, OffsetDateTime.parse("2000-01-01T00:00+08:00"), null),
                "2000-01-01", "9999-12-31", "admin", "gone-node").orElseThrow();
        assertThat(store.takeTurn(left.id(), store.nextPending(left.id()).orElseThrow())).isTrue();
        Map<String, Object> refused = post("/api/sources/" + SOURCE + "/reprocess?" + period, 409);
        assertThat(refused).containsEntry("code", "BULK_REPROCESS_RUNNING");
        assertThat((String) refused.get("detail")).contains(left.id());
        // nothing would end its batch under way: the cancel ends it at once, the batch listed as interrupted
        Map<String, Object> cancelled = post("/api/sources/" + SOURCE + "/reprocess/" + left.id() + "/cancel", 200);
        assertThat(cancelled).containsEntry("state", "CANCELLED").containsEntry("interrupted", 1).containsEntry("changedBy", "admin");

        String confirm = http().get().uri("/console/sources/" + SOURCE + "/reprocess?" + period).retrieve().body(String.class);
        assertThat(confirm).contains("data-count=\"2\"").contains("id=\"bulk-start\"");

        ResponseEntity<Map<String, Object>> asked = http().post().uri("/api/sources/" + SOURCE + "/reprocess?" + period)
                .retrieve().toEntity(JSON);
        assertThat(asked.getStatusCode().value()).isEqualTo(202);
        Map<String, Object> body = asked.getBody();
        assertThat(body).containsEntry("selected", 2).containsEntry("sourceId", SOURCE);
        String progress = (String) body.get("progress");
        assertThat(asked.getHeaders().getLocation()).hasToString(progress);
        await().atMost(Duration.ofSeconds(60)).until(() -> http().get().uri(progress).retrieve().body(JSON).get("state"),
                "COMPLETED"::equals);

        Map<String, Object> done = http().get().uri(progress).retrieve().body(JSON);
        assertThat(done).containsEntry("requestedBy", "admin").containsEntry("done", 2).containsEntry("skipped", 0)
                .containsEntry("from", receivedDay(first, clock).toString()).containsEntry("to", day.toString());
        assertThat(done.get("endedAt")).isNotNull();
        List<Map<String, Object>> items = (List<Map<String, Object>>) done.get("items");
        assertThat(items).extracting(i -> i.get("batchId"), i -> i.get("outcome"), i -> i.get("attempt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, "DONE", 2), org.assertj.core.groups.Tuple.tuple(second, "DONE", 2));
        assertThat(jdbc.sql("SELECT who, detail FROM audit_log WHERE action = 'BULK_REPROCESS' AND source_id = ? AND outcome = 202")
                .param(SOURCE).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
                .startsWith("admin " + body.get("requestId")).contains("2 个批次");

        String page = http().get().uri("/console/sources/" + SOURCE + "/reprocess/" + body.get("requestId")).retrieve().body(String.class);
        assertThat(page).contains("data-bulk-state=\"COMPLETED\"").contains(first).contains(second).contains("已完成");
        assertThat(http().get().uri("/console/sources/" + SOURCE).retrieve().body(String.class))
                .contains("id=\"bulk-form\"").contains((String) body.get("requestId"));
    }

    @Test
    void aBulkReprocessNeedsBothDaysAndAPeriodThatSelectsABatch() {
        assertThat(post("/api/sources/" + SOURCE + "/reprocess?from=2026-11-01", 400)).containsEntry("code", "BAD_REQUEST");
        assertThat(post("/api/sources/" + SOURCE + "/reprocess?from=2026-11-02&to=2026-11-01", 400)).containsEntry("code", "BAD_REQUEST");
        assertThat(post("/api/sources/" + SOURCE + "/reprocess?from=2001-01-01&to=2001-01-31", 409))
                .containsEntry("code", "BULK_REPROCESS_NOTHING_SELECTED");
        assertThat(post("/api/sources/" + SOURCE + "/reprocess/R20261202-0000000000/cancel", 404))
                .containsEntry("code", "BULK_REPROCESS_NOT_FOUND");
    }

    private Map<String, Object> post(String uri, int status) {
        RestClient.RequestHeadersSpec<?> request = http().post().uri(uri);
        return request.exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).as(uri).isEqualTo(status);
            return res.bodyTo(JSON);
        });
    }
}
