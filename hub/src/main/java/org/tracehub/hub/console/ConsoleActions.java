package org.tracehub.hub.console;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which admin actions of other features the hub serves, so the console shows a button only when
 * pressing it can work: reprocess, retry ({@code POST /api/batches/{id}/…}) and upload
 * ({@code POST /api/sources/{id}/files}). Found once, from the request mappings.
 */
@Component
public class ConsoleActions {

    private static final String PROBE_BATCH = "20000101-0000000000";
    private static final String PROBE_SOURCE = "probe-source";

    private final RequestMappingHandlerMapping mappings;
    private volatile Available available;

    public ConsoleActions(RequestMappingHandlerMapping requestMappingHandlerMapping) {
        this.mappings = requestMappingHandlerMapping;
    }

    /** The three flags, as {@code actions} in the console's model. */
    public Available available() {
        Available a = available;
        if (a == null) {
            a = new Available(served("/api/batches/" + PROBE_BATCH + "/reprocess"), served("/api/batches/" + PROBE_BATCH + "/retry"),
                    served("/api/sources/" + PROBE_SOURCE + "/files"));
            available = a;
        }
        return a;
    }

    private boolean served(String path) {
        return mappings.getHandlerMethods().keySet().stream()
                .anyMatch(info -> info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.asHttpMethod() == HttpMethod.POST)
                        && info.getPathPatternsCondition() != null
                        && info.getPathPatternsCondition().getPatterns().stream()
                                .anyMatch(p -> p.matches(org.springframework.http.server.PathContainer.parsePath(path))));
    }

    /** Whether reprocess, retry and upload are served. */
    public record Available(boolean reprocess, boolean retry, boolean upload) {
    }
}
