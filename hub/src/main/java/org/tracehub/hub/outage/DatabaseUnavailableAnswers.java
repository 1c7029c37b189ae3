package org.tracehub.hub.outage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiProblems;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's answer to a request that failed because the database could not be reached: 503 with {@code Retry-After},
 * never stored by a cache, in the form of the surface asked — the API's problem document (code
 * {@link ApiErrorCodes#DATABASE_UNAVAILABLE}), the consumer page's phone-sized notice, or the console's error page.
 * One WARN line per request, without the stack: during an outage every request fails the same way, and a stack trace
 * each would bury the log.
 */
@Component
public class DatabaseUnavailableAnswers {

    public static final String MESSAGE = "数据库暂时不可用，请稍后重试";
    /** A consumer scanning a label cannot "retry" a request: they scan again later. */
    public static final String CONSUMER_MESSAGE = "查询服务暂时不可用，请稍后再扫码查询";
    /**
     * Seconds a client should wait: a PostgreSQL restart or failover takes tens of seconds, and every request in the
     * meantime holds a thread for the pool's connection timeout (5 s in the postgres profile).
     */
    static final int RETRY_AFTER_SECONDS = 30;

    static final String CONSUMER_VIEW = "trace/unavailable";
    static final String CONSOLE_VIEW = "error/database-unavailable";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAnswers.class);
    /** Paths whose callers are programs (as SecurityConfiguration's API paths): they get the problem document. */
    private static final String[] PROGRAM_PATHS = {"/api/", "/actuator/", "/v3/api-docs"};

    private final JsonMapper json;

    public DatabaseUnavailableAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * Sets the status and headers and, for programs, writes the problem document.
     *
     * @return the page to render for a person, or null when the answer is already written
     */
    ModelAndView answer(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), path, DatabaseOutages.reason(failure));
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        if (isForPrograms(path)) {
            ProblemDetail problem = ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCodes.DATABASE_UNAVAILABLE, MESSAGE);
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException unusual) {
                // a request target the URI grammar refuses: the problem simply has no instance
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
            return null;
        }
        boolean consumer = path.startsWith("/t/");
        ModelAndView page = new ModelAndView(consumer ? CONSUMER_VIEW : CONSOLE_VIEW);
        page.addObject("message", consumer ? CONSUMER_MESSAGE : MESSAGE);
        page.addObject("errorCode", ApiErrorCodes.DATABASE_UNAVAILABLE);
        page.addObject("path", path);
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }

    private static boolean isForPrograms(String path) {
        for (String prefix : PROGRAM_PATHS) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
