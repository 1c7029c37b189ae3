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
import org.tracehub.hub.security.SecurityConfiguration;

/**
 * The page Tomcat itself answers an address it cannot read with: a path whose percent-encoding is not UTF-8
 * ({@code /t/%D6%D0}, 中 in GBK, from an old label printer or a chat app), a UTF-8 character cut off
 * ({@code /t/%E4%B8}), an encoded NUL. Such a request never reaches the hub's filters or error page; Tomcat's own
 * {@link ErrorReportValve} answered with an English "HTTP Status 400 – Bad Request" and none of the security headers.
 * Here the host's error valve is {@link ChineseBadRequestValve}: the same valve, but a 400 gets the Chinese static
 * page {@code tomcat/bad-request.html} (a form to type the code, no template, nothing fetched) with the hub's
 * Content-Security-Policy and the headers Spring Security writes elsewhere. Ordered after Boot's own customizer, which
 * adds a plain {@link ErrorReportValve} to the host and which this one replaces.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatBadRequestPage {

    static final String PAGE = "/tomcat/bad-request.html";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> chineseBadRequestPage() {
        return new AfterBootsValve(read(PAGE));
    }

    /** Runs after Boot's customizer (order 0), so its context customizer finds Boot's valve to replace. */
    private record AfterBootsValve(String page) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> replaceErrorValve(context.getParent(), page));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void replaceErrorValve(Container host, String page) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        ChineseBadRequestValve valve = new ChineseBadRequestValve(page);
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

    /** Tomcat's error valve, with the Chinese page for a 400; any other status as Tomcat reports it. */
    static final class ChineseBadRequestValve extends ErrorReportValve {

        private final String page;

        ChineseBadRequestValve(String page) {
            this.page = page;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() != 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                super.report(request, response, throwable);
                return;
            }
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(page);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response was already under way: nothing more to tell it
            }
        }
    }
}
