package org.tracehub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tracehub.hub.logging.ClientNames;
import org.tracehub.hub.metrics.HubMetrics;

/**
 * Every refused console or API sign-in: the {@code tracehub_http_logins_refused_total} counter an alert can watch for
 * guessing, and a WARN line with the name tried (cut short; a name that is no user by its length only) and the address;
 * not for a sign-in refused while a lock
 * lasts, which {@code LoginLockout} counts instead (a locked client that keeps trying would fill the log).
 */
@Component
public class RefusedLogins {

    private static final Logger log = LoggerFactory.getLogger(RefusedLogins.class);

    private final HubMetrics metrics;
    private final HubUserDirectory users;

    public RefusedLogins(HubMetrics metrics, HubUserDirectory users) {
        this.metrics = metrics;
        this.users = users;
    }

    @EventListener
    public void refused(AbstractAuthenticationFailureEvent event) {
        metrics.httpLoginRefused();
        if (event.getException() instanceof LoginLockedException) {
            return;
        }
        String name = event.getAuthentication().getName();
        log.warn("HTTP sign-in refused: user={} from={} ({})", ClientNames.signInName(name, users.exists(name)), address(),
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
