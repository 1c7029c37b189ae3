package org.tracehub.hub.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Requests about one batch ({@code /api/batches/<id>…}, {@code /console/batches/<id>…}) or one source
 * ({@code …/sources/<id>…}) log with the batch id and its source in the MDC.
 */
@Component
public class BatchLogContextFilter extends OncePerRequestFilter {

    private static final Pattern BATCH = Pattern.compile("^/(?:api|console)/batches/(\\d{8}-[0-9a-f]{10})(?:[/.].*)?$");
    private static final Pattern SOURCE = Pattern.compile("^/(?:api|console)/sources/([a-z0-9][a-z0-9-]{1,62})(?:/.*)?$");

    private final BatchRepository batches;

    public BatchLogContextFilter(BatchRepository batches) {
        this.batches = batches;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.startsWith("/console/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String batchId = null;
        String sourceId = null;
        Matcher b = BATCH.matcher(path);
        if (b.matches() && BatchIds.isWellFormed(b.group(1))) {
            batchId = b.group(1);
            sourceId = batches.findById(batchId).map(Batch::sourceId).orElse(null);
        } else {
            Matcher s = SOURCE.matcher(path);
            if (s.matches()) {
                sourceId = s.group(1);
            }
        }
        try (BatchLogContext ignored = BatchLogContext.open(batchId, sourceId)) {
            chain.doFilter(request, response);
        }
    }
}
