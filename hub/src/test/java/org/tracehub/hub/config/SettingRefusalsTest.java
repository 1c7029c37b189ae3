package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.tracehub.hub.TraceHubApplication;

/**
 * The hub started as an admin starts it with one ordinary mistake in its settings does not start: it says, Chinese first
 * and English after, which setting (and profile or environment variable) is wrong and what to do, with a code, before it
 * has made the data directory, the database or the broker. Each of these started before, and the hub then failed its
 * users quietly (the demo's published passwords in production, a lockout any guesser walks round, the embedded H2 in place
 * of PostgreSQL, every load failing, live nodes taken for dead) or said so only in English naming no setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingRefusalsTest {

    @TempDir
    Path parent;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the demo's published passwords where the public reaches them
            "--spring.profiles.active=demo --hub.public-base-url=https://trace.example.sh.cn|DEMO_PROFILE_REFUSED|spring.profiles.active|hub.public-base-url=https://trace.example.sh.cn|hub.demo.allow=true",
            "--spring.profiles.active=demo,postgres|DEMO_PROFILE_REFUSED|spring.profiles.active|spring.datasource.url=jdbc:postgresql:|hub.demo.allow=true",
            // a sign-in lockout any guesser walks round
            "--server.forward-headers-strategy=framework|FORWARDED_HEADERS_UNSAFE|server.forward-headers-strategy=framework|server.tomcat.remoteip.internal-proxies|native",
            "--server.forward-headers-strategy=native --server.tomcat.remoteip.internal-proxies=.*|FORWARDED_HEADERS_UNSAFE|server.tomcat.remoteip.internal-proxies=.*|203.0.113.5|10\\.0\\.0\\.5",
            "--server.forward-headers-strategy=NATIVE --server.tomcat.remoteip.internal-proxies=\\d+\\.\\d+\\.\\d+\\.\\d+|FORWARDED_HEADERS_UNSAFE|server.tomcat.remoteip.internal-proxies|matches public addresses|公网地址",
            // a misspelt profile: the embedded H2 in place of PostgreSQL
            "--spring.profiles.active=postgresql|PROFILE_UNKNOWN|spring.profiles.active|postgresql|demo, postgres, external-broker",
            "--spring.profiles.active=Postgres,external-broker|PROFILE_UNKNOWN|spring.profiles.active|Postgres|case matters",
            // every load failing, or a start refused in English
            "--hub.jobs.chunk-size=0|SETTING_NOT_POSITIVE|hub.jobs.chunk-size=0|at least 1|至少为 1",
            "--hub.jobs.chunk-size=-5|SETTING_NOT_POSITIVE|hub.jobs.chunk-size=-5|at least 1|至少为 1",
            "--hub.jobs.background-threads=0|SETTING_NOT_POSITIVE|hub.jobs.background-threads=0|at least 1|至少为 1",
            "--hub.jobs.import-concurrency=0|SETTING_NOT_POSITIVE|hub.jobs.import-concurrency=0|at least 1|至少为 1",
            // live nodes taken for dead between two beats
            "--hub.jobs.recovery.heartbeat-interval=PT5M|HEARTBEAT_TOO_SLOW|hub.jobs.recovery.heartbeat-interval=PT5M|hub.jobs.recovery.node-timeout=PT10M|3 times",
            "--hub.jobs.recovery.node-timeout=1m|HEARTBEAT_TOO_SLOW|hub.jobs.recovery.heartbeat-interval=PT30S|hub.jobs.recovery.node-timeout=PT1M|3 times",
            // a schedule's zone, refused by Java in English
            "--hub.jobs.purge.zone=Asia/Shangai|ZONE_INVALID|hub.jobs.purge.zone=Asia/Shangai|Asia/Shanghai|不是有效的时区",
            "--hub.jobs.nightly-sync.zone=CST+8|ZONE_INVALID|hub.jobs.nightly-sync.zone=CST+8|Asia/Shanghai|不是有效的时区",
            // labels printed with an address no consumer reaches, on the production database
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/tracehub|PUBLIC_BASE_URL_PROVISIONAL|hub.public-base-url=http://localhost:8080|hub.allow-provisional-public-base-url=true|HUB_PUBLIC_BASE_URL",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/tracehub --hub.public-base-url=http://trace.example.sh.cn|PUBLIC_BASE_URL_PROVISIONAL|hub.public-base-url=http://trace.example.sh.cn|plain http|https"})
    void aWrongSettingStopsTheStartNamingItInChineseThenEnglish(String arguments, String code, String names, String more, String andMore,
                                                               CapturedOutput output) {
        Path dataDir = parent.resolve("data");

        Throwable refused = catchThrowable(() -> start(null, (arguments + " --hub.data-dir=" + dataDir).split(" ")).close());

        assertThat(refused).isInstanceOf(StartRefusedException.class).hasMessageContainingAll(names, more, andMore, code);
        assertThat(((StartRefusedException) refused).code()).isEqualTo(code);
        assertThat(chineseBeforeEnglish(refused.getMessage())).as("Chinese first: %s", refused.getMessage()).isTrue();
        assertThat(output).contains("APPLICATION FAILED TO START", names, code);
        assertThat(dataDir).as("stopped before anything was made").doesNotExist();
    }

    @Test
    void hubDbUrlSetWithoutThePostgresProfileStopsTheStartNamingTheVariableAndTheProfile() {
        Throwable refused = catchThrowable(() -> start(Map.of("HUB_DB_URL", "jdbc:postgresql://db/tracehub"),
                "--hub.data-dir=" + parent.resolve("data")).close());

        assertThat(refused).isInstanceOf(StartRefusedException.class)
                .hasMessageContainingAll("HUB_DB_URL", "postgres", "spring.profiles.active", "spring.datasource.url is still jdbc:h2:",
                        StartRefusalCodes.PROFILE_VARIABLE_UNUSED);
    }

    @Test
    void hubBrokerUrlSetWithoutTheExternalBrokerProfileStopsTheStartNamingTheVariableAndTheProfile() {
        Throwable refused = catchThrowable(() -> start(Map.of("HUB_BROKER_URL", "tcp://mq:61616"),
                "--hub.data-dir=" + parent.resolve("data")).close());

        assertThat(refused).isInstanceOf(StartRefusedException.class)
                .hasMessageContainingAll("HUB_BROKER_URL", "external-broker", StartRefusalCodes.PROFILE_VARIABLE_UNUSED);
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedStopsTheStartNamingTheSetting() throws IOException {
        Path file = Files.writeString(parent.resolve("not-a-folder"), "x");

        Throwable refused = catchThrowable(() -> start(null, "--hub.data-dir=" + file.resolve("data")).close());

        assertThat(refused).isInstanceOf(StartRefusedException.class)
                .hasMessageContainingAll("hub.data-dir", "HUB_DATA_DIR", file.resolve("data").toString(), "无法创建数据目录",
                        StartRefusalCodes.DATA_DIR_UNUSABLE);
    }

    /** Whether the first Chinese character comes before the first English sentence (four words in a row). */
    static boolean chineseBeforeEnglish(String message) {
        Matcher chinese = Pattern.compile("[\\u4e00-\\u9fff]").matcher(message);
        Matcher english = Pattern.compile("[A-Za-z]+ [A-Za-z]+ [A-Za-z]+ [A-Za-z]+").matcher(message);
        return chinese.find() && english.find() && chinese.start() < english.start();
    }

    /** The hub without its web server, with these environment variables in place of the machine's (null: the machine's). */
    private static org.springframework.context.ConfigurableApplicationContext start(Map<String, Object> variables, String... arguments) {
        SpringApplicationBuilder hub = new SpringApplicationBuilder(TraceHubApplication.class).web(WebApplicationType.NONE);
        if (variables != null) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            hub.environment(environment);
        }
        return hub.run(arguments);
    }
}
