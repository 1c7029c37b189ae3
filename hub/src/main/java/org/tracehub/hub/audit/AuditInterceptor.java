package org.tracehub.hub.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.WebUtils;
import org.tracehub.hub.api.ApiException;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Writes one audit entry per admin action once it has been answered: every POST to the API or the
 * console (whoever's controller serves it), and every handler marked {@link Audited}. The batch and
 * source come from the URI ({@code /api/batches/{id}/…}, {@code /api/sources/{id}/…}; a batch's source
 * is looked up) or from request attributes a handler sets ({@link #BATCH_ID}, {@link #SOURCE_ID}, {@link #DETAIL}).
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {

    /** Request attribute a handler may set: the batch its action concerned, when the URI does not name it. */
    public static final String BATCH_ID = AuditInterceptor.class.getName() + ".batchId";
    /** Request attribute a handler may set: the source its action concerned. */
    public static final String SOURCE_ID = AuditInterceptor.class.getName() + ".sourceId";
    /** Request attribute a handler may set: a short description of what it did. */
    public static final String DETAIL = AuditInterceptor.class.getName() + ".detail";

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

    private final AuditLog auditLog;
    private final CurrentUser currentUser;
    private final BatchRepository batches;

    public AuditInterceptor(AuditLog auditLog, CurrentUser currentUser, BatchRepository batches) {
        this.auditLog = auditLog;
        this.currentUser = currentUser;
        this.batches = batches;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(handler instanceof HandlerMethod method)) {
            return;
        }
        Audited audited = method.getMethodAnnotation(Audited.class);
        boolean post = HttpMethod.POST.matches(request.getMethod());
        if (audited == null && !post) {
            return;
        }
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String action = audited != null ? audited.value() : AuditActions.forPostPattern(pattern == null ? request.getRequestURI() : pattern);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String batchId = attribute(request, BATCH_ID, variableAfter(pattern, variables, "/batches/"));
        if (batchId == null) {
            batchId = createdBatch(response); // an upload answers with the new batch's location
        }
        String sourceId = attribute(request, SOURCE_ID, variableAfter(pattern, variables, "/sources/"));
        if (sourceId == null && batchId != null && BatchIds.isWellFormed(batchId)) {
            sourceId = batches.findById(batchId).map(Batch::sourceId).orElse(null);
        }
        Throwable failure = ex != null ? ex : (Throwable) request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        int outcome = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        String detail = detail(request, failure);
        try {
            auditLog.record(currentUser.name(), action, batchId, sourceId, outcome, detail);
        } catch (RuntimeException e) {
            // the action itself happened; a lost audit line must be visible to operators, not to the user
            log.error("audit entry lost: who={} action={} batch={} source={} outcome={}", currentUser.name(), action, batchId,
                    sourceId, outcome, e);
        }
    }

    private static String createdBatch(HttpServletResponse response) {
        String location = response.getHeader("Location");
        if (location == null) {
            return null;
        }
        String id = location.substring(location.lastIndexOf('/') + 1);
        return location.contains("/batches/") && BatchIds.isWellFormed(id) ? id : null;
    }

    private static String attribute(HttpServletRequest request, String name, String fallback) {
        Object value = request.getAttribute(name);
        return value != null ? value.toString() : fallback;
    }

    /** The value of the template variable right after {@code segment} in the pattern, e.g. {id} in /api/batches/{id}/retry. */
    static String variableAfter(String pattern, Map<String, String> variables, String segment) {
        if (pattern == null || variables == null) {
            return null;
        }
        int at = pattern.indexOf(segment + "{");
        if (at < 0) {
            return null;
        }
        int start = at + segment.length() + 1;
        int end = pattern.indexOf('}', start);
        return end < 0 ? null : variables.get(pattern.substring(start, end));
    }

    private static String detail(HttpServletRequest request, Throwable failure) {
        List<String> parts = new ArrayList<>();
        Object own = request.getAttribute(DETAIL);
        if (own != null) {
            parts.add(own.toString());
        }
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            try {
                for (MultipartFile file : multipart.getFileMap().values()) {
                    parts.add(file.getName() + "=" + file.getOriginalFilename());
                }
            } catch (MultipartException unreadable) {
                // parsed lazily, the body fails here as it failed the handler (malformed, too large, the client gone);
                // the entry is written without the file names, the failure says why
            }
        }
        if (failure instanceof ApiException api) {
            parts.add(api.code() + ": " + api.getMessage());
        } else if (failure instanceof BatchActionRefused refused) {
            parts.add(refused.code() + ": " + refused.getMessage());
        } else if (failure != null) {
            parts.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
