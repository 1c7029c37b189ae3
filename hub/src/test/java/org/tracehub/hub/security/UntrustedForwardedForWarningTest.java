package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A hub behind a reverse proxy it was not told of (forward-headers-strategy none) counted every sign-in as the proxy's,
 * and 30 failures locked everyone's, without a word why: the first request that still carries X-Forwarded-For is warned
 * about, once, naming the settings; the header the server believed (gone from the request) and requests without it are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class UntrustedForwardedForWarningTest {

    @Test
    void theFirstRequestWithAnUnbelievedForwardedForIsWarnedAboutOnceNamingTheSettings(CapturedOutput output) throws Exception {
        UntrustedForwardedForWarning warning = new UntrustedForwardedForWarning("none");
        warning.doFilter(request(null), new MockHttpServletResponse(), new MockFilterChain());
        assertThat(output).doesNotContain("X-Forwarded-For");

        for (int i = 1; i <= 3; i++) {
            warning.doFilter(request("198.51.100." + i), new MockHttpServletResponse(), new MockFilterChain());
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("X-Forwarded-For")))
                .singleElement().asString()
                .contains("10.0.0.5", "198.51.100.1", "server.forward-headers-strategy=none", "server.tomcat.remoteip.internal-proxies",
                        "native");
    }

    private static MockHttpServletRequest request(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sources");
        request.setRemoteAddr("10.0.0.5");
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
