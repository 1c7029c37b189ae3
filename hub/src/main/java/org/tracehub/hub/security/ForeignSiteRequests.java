package org.tracehub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A browser's request made by a page of another site. Browsers say so themselves ({@code Sec-Fetch-Site:
 * cross-site} or {@code same-site}) and name the page's origin ({@code Origin}) on every cross-origin POST;
 * scripts ({@code curl}, the senders' upload jobs) send neither.
 *
 * <p>Such a request must carry a CSRF token even with HTTP Basic credentials: a browser that was once asked for
 * them (the API's 401 challenge, e.g. after the console's session ran out) sends them on its own with any
 * request to the hub, including a form another site posts — so "a header no other site can set" does not hold
 * for Basic.
 */
final class ForeignSiteRequests implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            return site.equals("cross-site") || site.equals("same-site");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !sameHost(origin, request.getHeader(HttpHeaders.HOST));
    }

    /** The origin's host and port against the Host header the browser sent (kept by proxies, unlike the scheme). */
    private static boolean sameHost(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host.trim()) || withDefaultPort(uri).equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withDefaultPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
