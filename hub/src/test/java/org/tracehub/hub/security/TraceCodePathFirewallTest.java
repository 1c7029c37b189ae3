package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

/** Which requests the relaxed firewall lets through: a GET of one public code segment, and nothing else. */
class TraceCodePathFirewallTest {

    private final TraceCodePathFirewall firewall = new TraceCodePathFirewall();

    @ParameterizedTest
    @CsvSource({
            "GET, /t/JC%3B2019%3B000457",
            "GET, /t/JC%252019",
            "HEAD, /qr/JC%5C2019.png",
            "GET, /api/trace/JC%3B1",
            "GET, /t/JC%2F2019%2F000456"})
    void letsAnEncodedSemicolonPercentOrBackslashThroughInOnePublicCodeSegment(String method, String uri) {
        assertThat(firewall.getFirewalledRequest(request(method, uri))).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /t/JC%3B1",
            "GET, /console/batches/A%3BB",
            "GET, /api/batches/A%25B",
            "GET, /t/A%25B/x",
            "GET, /t/A;B",
            "GET, /t/%3B/x",
            "GET, /t/%2E%2E",
            "GET, /t/a%00b",
            "GET, /tx/A%3BB"})
    void refusesThemAnywhereElseAndKeepsEveryOtherCheck(String method, String uri) {
        assertThatThrownBy(() -> firewall.getFirewalledRequest(request(method, uri))).isInstanceOf(RequestRejectedException.class);
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(uri);
        return request;
    }
}
