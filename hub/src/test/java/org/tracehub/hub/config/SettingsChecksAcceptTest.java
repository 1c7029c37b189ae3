package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The configurations the hub documents pass every start-up check of the settings ({@link SettingsCheck}): the README's
 * quick start (demo), the bench's {@code demo,postgres}, production on PostgreSQL with or without the external broker,
 * the reverse-proxy set-up hub/README.md describes, the shortest heartbeat the node timeout allows, and an admin's own
 * profile with its own file beside the jar.
 */
class SettingsChecksAcceptTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                                                             // the embedded defaults
            "spring.profiles.active=demo",                                                   // the README's quick start
            "spring.profiles.active=demo,postgres|hub.demo.allow=true",                      // the bench on PostgreSQL
            "spring.profiles.active=postgres|hub.public-base-url=https://trace.example.sh.cn",
            "spring.profiles.active=postgres,external-broker|hub.public-base-url=https://trace.example.sh.cn/",
            "spring.profiles.active=postgres|hub.allow-provisional-public-base-url=true",    // a staging hub that says so
            "server.forward-headers-strategy=native|server.tomcat.remoteip.internal-proxies=10\\.0\\.0\\.5",
            "server.forward-headers-strategy=native|server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "server.forward-headers-strategy=native|server.tomcat.remoteip.internal-proxies=10\\.0\\.0\\.\\d{1,3}|192\\.168\\.1\\.\\d{1,3}",
            "server.forward-headers-strategy=none",
            "hub.jobs.recovery.heartbeat-interval=10s|hub.jobs.recovery.node-timeout=30s",
            "hub.jobs.chunk-size=1|hub.jobs.background-threads=1|hub.jobs.purge.zone=UTC|hub.jobs.nightly-sync.zone=Asia/Urumqi"})
    void aDocumentedConfigurationPassesTheChecks(String settings) {
        runner(settings.isEmpty() ? new String[0] : settings.split("\\|(?=[a-z])"))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anAdminsOwnProfileWithItsOwnFileBesideTheJarPasses(@TempDir Path config) throws IOException {
        Files.writeString(config.resolve("application-site.yml"), "hub:\n  jobs:\n    chunk-size: 200\n");

        runner("spring.config.additional-location=file:" + config + "/", "spring.profiles.active=site")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getEnvironment().getProperty("hub.jobs.chunk-size")).isEqualTo("200");
                });
        runner("spring.profiles.group.production=postgres", "spring.profiles.active=production",
                "hub.public-base-url=https://trace.example.sh.cn")
                .run(context -> assertThat(context).as("a group of profiles").hasNotFailed());
    }

    private ApplicationContextRunner runner(String... settings) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(EverySettingsCheck.class)
                .withPropertyValues("hub.data-dir=" + dataDir)
                .withPropertyValues(settings);
    }

    /** Every check of the settings alone, as the application registers them. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackages = "org.tracehub.hub", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = SettingsCheck.class))
    static class EverySettingsCheck {
    }
}
