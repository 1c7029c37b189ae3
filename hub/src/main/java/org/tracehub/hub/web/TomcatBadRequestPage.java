package org.tracehub.hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiProblems;
import org.tracehub.hub.security.SecurityConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page Tomcat itself answers an address it cannot read with: a path whose percent-encoding is not UTF-8
 * ({@code /t/%D6%D0}, 中 in GBK, from an old label printer or a chat app), a UTF-8 character cut off
 * ({@code /t/%E4%B8}), an encoded NUL. Such a request never reaches the hub's filters or error page; Tomcat's own
 * {@link ErrorReportValve} answered with an English "HTTP Status 400 – Bad Request" and none of the security headers.
 * Here the host's error valve is {@link ChineseBadRequestValve}: the same valve, but a 400 gets the Chinese static
 * page {@code tomcat/bad-request.html} (a form to type the code, no template, nothing fetched) with the hub's
 * Content-Security-Policy and the headers Spring Security writes elsewhere. A request under {@code /api/} gets the API's
 * problem document instead ({@link ApiErrorCodes#REQUEST_MALFORMED}, application/problem+json): scripts key on its
 * {@code code} whatever refused them, and an HTML page is no answer they can read. Ordered after Boot's own customizer,
 * which adds a plain {@link ErrorReportValve} to the host and which this one replaces.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatBadRequestPage {

    static final String PAGE = "/tomcat/bad-request.html";
    static final String API_DETAIL = "请求地址无法解析：其中的百分号编码不是有效的 UTF-8，或含有不允许的字符（如 %00）";
    /** The API's paths, as the request arrived: Tomcat refused it before any context decoded or mapped it. */
    private static final String API_PATHS = "/api/";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> chineseBadRequestPage(JsonMapper json) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, ApiErrorCodes.REQUEST_MALFORMED, API_DETAIL);
        return new AfterBootsValve(read(PAGE), json.writeValueAsString(problem));
    }

    /** Runs after Boot's customizer (order 0), so its context customizer finds Boot's valve to replace. */
    private record AfterBootsValve(String page, String apiProblem)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> replaceErrorValve(context.getParent(), page, apiProblem));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void replaceErrorValve(Container host, String page, String apiProblem) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        ChineseBadRequestValve valve = new ChineseBadRequestValve(page, apiProblem);
        valve.setShowReport(false);
        valve.setShowServerInfo(false);
        host.getPipeline().addValve(valve);
        if (host instanceof StandardHost standard) {
            // else the host adds its default ErrorReportValve at start, not finding one of its configured class
            standard.setErrorReportValveClass(ChineseBadRequestValve.class.getName());
        }
    }

    private static String read(String resource) {
        try (InputStream in = TomcatBadRequestPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tomcat's error valve, with the Chinese page for a 400, or the API's problem document under {@code /api/}; any other
     * status as Tomcat reports it.
     */
    static final class ChineseBadRequestValve extends ErrorReportValve {

        private final String page;
        private final String apiProblem;

        ChineseBadRequestValve(String page, String apiProblem) {
            this.page = page;
            this.apiProblem = apiProblem;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() != 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                super.report(request, response, throwable);
                return;
            }
            boolean api = request.getRequestURI() != null && request.getRequestURI().startsWith(API_PATHS);
            try {
                response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(api ? apiProblem : page);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response was already under way: nothing more to tell it
            }
        }
    }
}
