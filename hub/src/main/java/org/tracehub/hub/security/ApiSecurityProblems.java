package org.tracehub.hub.security;

import java.io.IOException;
import java.net.URI;
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
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiProblems;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.platform.batch.BatchIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers to "who are you?" (401, with the Basic challenge scripts need) and "not
 * you" (403), as RFC 9457 problem documents with stable codes like every other API error.
 * A refused change (any method but GET/HEAD) is written to the audit log: an admin who reads
 * the log should see who tried to reprocess a batch and was not allowed to.
 */
final class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "Trace Hub";
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityProblems.class);
    private static final Pattern BATCH = Pattern.compile("/batches/([^/]+)");
    private static final Pattern SOURCE = Pattern.compile("/sources/([^/]+)");

    private final JsonMapper json;
    private final AuditLog audit;
    private final SecurityCurrentUser currentUser;

    ApiSecurityProblems(JsonMapper json, AuditLog audit, SecurityCurrentUser currentUser) {
        this.json = json;
        this.audit = audit;
        this.currentUser = currentUser;
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
     * Every refusal of a signed-in or anonymous request, on every path (the one access-denied handler of the filter
     * chain). A missing or stale CSRF token is no matter of the role: the page was opened before the user signed in
     * again (in another tab, or after the session expired), and reloading it is the remedy.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        boolean staleToken = e instanceof CsrfException;
        String method = request.getMethod();
        if (!HttpMethod.GET.matches(method) && !HttpMethod.HEAD.matches(method)) {
            String path = request.getRequestURI();
            String batchId = group(BATCH, path);
            try {
                audit.record(currentUser.name(), staleToken ? AuditActions.CSRF_REFUSED : AuditActions.ACCESS_DENIED,
                        batchId != null && BatchIds.isWellFormed(batchId) ? batchId : null,
                        group(SOURCE, path), HttpStatus.FORBIDDEN.value(), method + " " + path);
            } catch (RuntimeException failure) {
                log.warn("Could not write the refused request {} {} to the audit log", method, path, failure);
            }
        }
        if (staleToken) {
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

    private static String group(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        return m.find() ? m.group(1) : null;
    }
}
