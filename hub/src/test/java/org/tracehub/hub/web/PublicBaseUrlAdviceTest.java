package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** Printed labels carry hub.public-base-url for good: a local or plain-http address is warned about at start-up. */
@ExtendWith(OutputCaptureExtension.class)
class PublicBaseUrlAdviceTest {

    @Test
    void theDefaultIsWarnedAboutForItsHostAndItsScheme() {
        assertThat(PublicBaseUrlAdvice.advice("http://localhost:8080")).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("hub.public-base-url is http://localhost:8080: its host localhost is this machine")
                .contains("it is plain http", "Every QR code and label printed from now on carries this address for good"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://localhost", "https://[::1]:8443", "https://0.0.0.0", "https://127.0.1.1/trace"})
    void aLocalHostIsWarnedAboutOverHttpsToo(String url) {
        assertThat(PublicBaseUrlAdvice.advice(url)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("which a consumer's phone cannot reach").doesNotContain("plain"));
    }

    @Test
    void aPublicHttpAddressIsWarnedAboutForItsSchemeOnly() {
        assertThat(PublicBaseUrlAdvice.advice("http://trace.shanghai.example.cn")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("it is plain http").doesNotContain("cannot reach"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://trace.shanghai.example.cn", "https://zs.example.cn:8443/trace", "HTTPS://Trace.Example.CN"})
    void aPublicHttpsAddressIsNotWarnedAbout(String url) {
        assertThat(PublicBaseUrlAdvice.advice(url)).isEmpty();
    }

    @Test
    void theWarningIsLoggedAtStartUpButNotInTheDemoProfile(CapturedOutput output) {
        new PublicBaseUrlAdvice("http://localhost:8080", new MockEnvironment().withProperty("spring.profiles.active", "demo"))
                .adviseOnce();
        assertThat(output).doesNotContain("hub.public-base-url is");

        new PublicBaseUrlAdvice("http://localhost:8080", new MockEnvironment()).adviseOnce();
        assertThat(output).contains("WARN").contains("hub.public-base-url is http://localhost:8080");
    }
}
