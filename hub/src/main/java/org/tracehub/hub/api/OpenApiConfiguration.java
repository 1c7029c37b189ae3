package org.tracehub.hub.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the HTTP API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui}):
 * only {@code /api/**} ({@code springdoc.paths-to-match}); the console and the consumer pages are HTML.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI traceHubOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Trace Hub API")
                .version("1")
                .description("Batches, rejected rows, originals and error reports, reprocess and retry, uploads, spec dry runs, "
                        + "trace queries. Failures are RFC 9457 problem documents (application/problem+json) with a stable "
                        + "`code`; messages are in Chinese."));
    }
}
