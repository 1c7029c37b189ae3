package org.tracehub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall for every request, with one exception: a GET of a public trace-code
 * path ({@code /t/}, its capitals {@code /T/}, {@code /qr/}, {@code /api/trace/}) may carry, percent-encoded inside its one code
 * segment, the characters a sender's legacy codes can contain and the strict firewall refuses anywhere:
 * {@code ;} ({@code %3B}), {@code %} ({@code %25}) and {@code \} ({@code %5C}). Without it a printed QR
 * code of such a code opened a 400 page.
 *
 * <p>Only the encoded forms are let through: a raw {@code ;} would be cut off by Tomcat as a path
 * parameter (so {@code /t/A;B} would show the page of {@code A}), and stays refused. The exception
 * cannot reach anything but the public pages: the path must be one of those prefixes followed by a
 * single raw segment, and every other check (normalisation, encoded periods and slashes as the hub's
 * own firewall allows them, control characters, hosts, methods) still applies. Because the firewall also
 * looks for encoded forms in the decoded path, a code containing the text {@code %2E}, {@code %00},
 * {@code %0A} or {@code %0D} itself stays refused.
 */
final class TraceCodePathFirewall implements HttpFirewall {

    private static final List<String> PUBLIC_CODE_PATHS = List.of("/t/", "/T/", "/qr/", "/api/trace/");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final StrictHttpFirewall strict;
    private final StrictHttpFirewall codePaths;

    TraceCodePathFirewall() {
        this.strict = new StrictHttpFirewall();
        // see EncodedSlashConfiguration: legacy codes with "/" travel as %2F everywhere
        strict.setAllowUrlEncodedSlash(true);
        this.codePaths = new StrictHttpFirewall();
        codePaths.setAllowUrlEncodedSlash(true);
        codePaths.setAllowSemicolon(true);
        codePaths.setAllowUrlEncodedPercent(true);
        codePaths.setAllowBackSlash(true);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        return (isPublicCodePath(request) ? codePaths : strict).getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    static boolean isPublicCodePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || !READS.contains(request.getMethod())) {
            return false;
        }
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        if (path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String prefix : PUBLIC_CODE_PATHS) {
            if (path.startsWith(prefix)) {
                String segment = path.substring(prefix.length());
                return !segment.isEmpty() && segment.indexOf('/') < 0;
            }
        }
        return false;
    }
}
