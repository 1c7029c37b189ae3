package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The logging application.yml ships: the console as before, and a file under the data directory that rolls daily and
 * by size and is kept 90 days, 5 GB at most (an unattended hub's log must neither vanish with the console nor fill the
 * disk), every line of it one line whatever its message holds. Only the shipped file is read here, not the tests' own
 * settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShippedLoggingTest {

    @TempDir
    Path temp;

    @Test
    void theHubLogsToTheConsoleAndToARollingFileUnderTheDataDirectory(CapturedOutput output) throws Exception {
        Path dataDir = temp.resolve("data");
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
                .run("--spring.config.location=classpath:/application.yml", "--hub.data-dir=" + dataDir)) {
            LoggerFactory.getLogger("org.tracehub.hub").info("a line for the log file");

            Path log = dataDir.resolve("logs").resolve("trace-hub.log");
            assertThat(log).content().contains("a line for the log file");
            assertThat(output).contains("a line for the log file");
            // made before logback would have made them, readable by every user of the machine
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
            RollingFileAppender<?> file = (RollingFileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
                    .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
            SizeAndTimeBasedRollingPolicy<?> rolling = (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
            assertThat(rolling.getFileNamePattern()).as("daily, and numbered within a day").isEqualTo(log + ".%d{yyyy-MM-dd}.%i.gz");
            assertThat(rolling.getMaxHistory()).as("days kept").isEqualTo(90);
            assertThat(ReflectionTestUtils.getField(rolling, "maxFileSize")).hasToString(FileSize.valueOf("100MB").toString());
            assertThat(ReflectionTestUtils.getField(rolling, "totalSizeCap")).hasToString(FileSize.valueOf("5GB").toString());
        }
    }

    @Test
    void aMessageWithLineBreaksIsLoggedAsOneLineWhileAStackTraceKeepsItsLines(CapturedOutput output) throws Exception {
        Path dataDir = temp.resolve("data");
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
                .run("--spring.config.location=classpath:/application.yml", "--hub.data-dir=" + dataDir)) {
            // a sign-in name as an attacker would send it, to add a line of its own making
            String forged = "market\r\n2026-12-01T08:00:00.000+08:00  INFO 1 --- [main] o.t.h.s.RefusedLogins : signed in\nuser=admin";
            LoggerFactory.getLogger("org.tracehub.hub.security.RefusedLogins").warn("HTTP sign-in refused: user={} from={}", forged,
                    "203.0.113.7", new IllegalStateException("the cause"));

            String file = Files.readString(dataDir.resolve("logs").resolve("trace-hub.log"));
            for (String log : List.of(output.getOut(), file)) {
                assertThat(log.lines().filter(line -> line.contains("signed in")))
                        .singleElement(as(InstanceOfAssertFactories.STRING))
                        .matches("^\\d{4}-\\d{2}-\\d{2}T\\S+ +WARN \\d+ --- .*RefusedLogins +: HTTP sign-in refused: .*")
                        .contains("user=market ⏎ 2026-12-01T08:00:00.000+08:00  INFO 1 --- [main] o.t.h.s.RefusedLogins : signed in ⏎ user=admin from=203.0.113.7");
                assertThat(log).as("the stack trace below it, a line per frame")
                        .containsPattern("from=203\\.0\\.113\\.7\\R+java\\.lang\\.IllegalStateException: the cause\\R\\s+at ");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }
}
