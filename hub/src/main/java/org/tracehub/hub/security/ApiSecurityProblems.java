package org.tracehub.hub.security;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiProblems;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.hub.logging.RefusalTally;
import org.tracehub.platform.batch.BatchIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers to "who are you?" (401, with the Basic challenge scripts need) and "not
 * you" (403), as RFC 9457 problem documents with stable codes like every other API error;
 * a browser refused a page that is not the API's gets the Chinese error page {@code error/403} instead.
 * A signed-in user's refused change (any method but GET/HEAD) is written to the audit log: an admin who
 * reads the log should see who tried to reprocess a batch and was not allowed to. A caller nobody
 * signed in as is only counted ({@link RefusalTally}).
 */
final class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "Trace Hub";
    /**
     * Request attribute read by {@code error/403.html}: the refusal's code, so that a stale page is told to reload, not
     * that its role does not allow.
     */
    static final String REFUSAL_CODE = "refusalCode";
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityProblems.class);
    private static final Pattern BATCH = Pattern.compile("/batches/([^/]+)");
    private static final Pattern SOURCE = Pattern.compile("/sources/([^/]+)");

    private final JsonMapper json;
    private final AuditLog audit;
    private final SecurityCurrentUser currentUser;
    private final RequestMatcher pages;
    private final RefusalTally anonymousRefusals;

    /** {@code pages}: the requests answered with the error page (a browser's, outside the API's paths). */
    ApiSecurityProblems(JsonMapper json, AuditLog audit, SecurityCurrentUser currentUser, RequestMatcher pages, Clock clock) {
        this.json = json;
        this.audit = audit;
        this.currentUser = currentUser;
        this.pages = pages;
        this.anonymousRefusals = new RefusalTally(clock);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof LoginLockedException locked) {
            // no challenge: a client that is asked for credentials again would only extend the guessing
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, locked.remaining().toSeconds())));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS, ApiErrorCodes.LOGIN_LOCKED, locked.getMessage());
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        write(request, response, HttpStatus.UNAUTHORIZED, ApiErrorCodes.UNAUTHENTICATED, "需要登录：请用 HTTP Basic 提供用户名和密码");
    }

    /**
     * The answer to a console page's script whose session is gone: 401 with a problem it can read. The sign-in page, which
     * fetch follows, looked to the batch page's poll like a progress it could not parse, and it polled on in silence.
     */
    AuthenticationEntryPoint sessionExpired() {
        return (request, response, e) -> write(request, response, HttpStatus.UNAUTHORIZED, ApiErrorCodes.SESSION_EXPIRED,
                "会话已过期，请重新登录");
    }

    /**
     * Every refusal of a signed-in or anonymous request, on every path (the one access-denied handler of the filter
     * chain). A missing or stale CSRF token is no matter of the role: the page was opened before the user signed in
     * again (in another tab, or after the session expired), and reloading it is the remedy. The CSRF check runs before
     * HTTP Basic is read, so a request it refuses counts as anonymous whatever credentials it carries: unchecked, they
     * name nobody the audit log could trust.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        boolean staleToken = e instanceof CsrfException;
        String method = request.getMethod();
        String path = request.getRequestURI();
        if (!currentUser.signedIn()) {
            anonymousRefusals.refused().ifPresent(count -> log.warn("Refused {} request(s) of callers not signed in since the "
                    + "last such line (not audited); the latest: {} {} from {} ({})", count, method, abbreviated(path),
                    request.getRemoteAddr(), e.getClass().getSimpleName()));
        } else if (!HttpMethod.GET.matches(method) && !HttpMethod.HEAD.matches(method)) {
            String batchId = group(BATCH, path);
            try {
                audit.record(currentUser.name(), staleToken ? AuditActions.CSRF_REFUSED : AuditActions.ACCESS_DENIED,
                        batchId != null && BatchIds.isWellFormed(batchId) ? batchId : null,
                        group(SOURCE, path), HttpStatus.FORBIDDEN.value(), method + " " + path);
            } catch (RuntimeException failure) {
                log.warn("Could not write the refused request {} {} to the audit log", method, path, failure);
            }
        }
        String code = staleToken ? ApiErrorCodes.CSRF_TOKEN_INVALID : ApiErrorCodes.ACCESS_DENIED;
        if (pages.matches(request)) {
            // Boot's error page, error/403.html, as for every other error a browser meets outside the API
            request.setAttribute(REFUSAL_CODE, code);
            response.sendError(HttpStatus.FORBIDDEN.value());
        } else if (staleToken) {
            write(request, response, HttpStatus.FORBIDDEN, ApiErrorCodes.CSRF_TOKEN_INVALID, "页面已过期，请刷新后重试");
        } else {
            write(request, response, HttpStatus.FORBIDDEN, ApiErrorCodes.ACCESS_DENIED, "无权执行此操作：当前用户的角色不允许，或该资源不属于当前用户的来源");
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        ProblemDetail problem = ApiProblems.problem(status, code, detail);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException unusual) {
            // a request target the URI grammar refuses: the problem simply has no instance
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A request target of a caller nobody knows, shortened for the log. */
    private static String abbreviated(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
    }

    private static String group(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        return m.find() ? m.group(1) : null;
    }
}
