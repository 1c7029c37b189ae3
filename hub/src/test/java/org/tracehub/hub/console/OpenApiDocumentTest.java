package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/** The OpenAPI document covers the API (and only the API); Swagger UI is served by the hub at /swagger-ui. */
class OpenApiDocumentTest extends ConsoleTestSupport {

    @Test
    void documentListsTheApiPathsAndNotTheConsole() {
        Map<String, Object> doc = http().get().uri("/v3/api-docs").retrieve().body(new ParameterizedTypeReference<>() { });

        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        assertThat(paths).containsKeys("/api/batches", "/api/batches/{id}", "/api/batches/{id}/errors.xlsx",
                "/api/batches/{id}/original", "/api/specs/dry-run", "/api/audit", "/api/trace/{code}");
        assertThat(paths.keySet()).allMatch(p -> p.startsWith("/api/"));
        assertThat(doc.get("info").toString()).contains("Trace Hub API");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedTraceEventHasNoEventIdAsThePublicJsonHasNone() {
        Map<String, Object> doc = http().get().uri("/v3/api-docs").retrieve().body(new ParameterizedTypeReference<>() { });
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get("ChainEvent")).get("properties");
        assertThat(properties).containsKeys("traceCode", "step", "time").doesNotContainKey("eventId");
    }

    @Test
    void swaggerUiIsServedWithoutExternalResources() {
        String page = http().get().uri("/swagger-ui/index.html").retrieve().body(String.class);
        assertThat(page).contains("swagger-ui").doesNotContain("https://");
        int redirect = http().get().uri("/swagger-ui").exchange((req, res) -> res.getStatusCode().value());
        assertThat(redirect).isIn(200, 302);
    }
}
