package org.tracehub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tracehub.hub.metrics.HubMetrics;

/**
 * Every refused console or API sign-in: a WARN line with the name tried and the address, and
 * the {@code tracehub_http_logins_refused_total} counter an alert can watch for guessing.
 */
@Component
public class RefusedLogins {

    private static final Logger log = LoggerFactory.getLogger(RefusedLogins.class);

    private final HubMetrics metrics;

    public RefusedLogins(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @EventListener
    public void refused(AbstractAuthenticationFailureEvent event) {
        metrics.httpLoginRefused();
        log.warn("HTTP sign-in refused: user={} from={} ({})", event.getAuthentication().getName(), address(),
                event.getException().getClass().getSimpleName());
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "?";
    }
}
