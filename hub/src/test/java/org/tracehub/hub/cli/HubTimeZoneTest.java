package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.tracehub.hub.TraceHubApplication;

/**
 * The server and the commands read {@code hub.time-zone} from the same sources by the same rule: a zone set in
 * config/application.yml or as {@code --hub.time-zone} was the server's only, a blank {@code HUB_TIME_ZONE=} failed the
 * server but not the commands, and a zone that is none stopped the server with Spring's English stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubTimeZoneTest {

    @TempDir
    Path dir;

    @Test
    void theCommandsReadTheZoneFromTheCommandLineAndTheConfigurationFilesAsTheServerDoes() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("application.yml"), "hub:\n  time-zone: Europe/Berlin\n", StandardCharsets.UTF_8);
        Map<String, Object> fromConfig = Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", config + "/");

        assertThat(HubTimeZone.forCommand(List.of(), Map.of(), Map.of())).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(HubTimeZone.forCommand(List.of(), Map.of(), fromConfig)).as("config/application.yml").isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(HubTimeZone.forCommand(List.of(), Map.of(), Map.of("HUB_TIME_ZONE", "UTC", "SPRING_CONFIG_ADDITIONAL_LOCATION", config + "/")))
                .as("the environment above the files").isEqualTo(ZoneId.of("UTC"));
        assertThat(HubTimeZone.forCommand(List.of("validate", "--hub.time-zone=Asia/Tokyo"), Map.of("hub.time-zone", "UTC"), fromConfig))
                .as("the command line above everything").isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void aBlankZoneIsTheDefaultForTheCommandsAndTheServerAlike() {
        assertThat(HubTimeZone.forCommand(List.of(), Map.of(), Map.of("HUB_TIME_ZONE", ""))).isEqualTo(ZoneId.of("Asia/Shanghai"));

        StandardEnvironment server = new StandardEnvironment();
        server.getPropertySources().addFirst(new MapPropertySource("systemEnvironment-like", Map.of("hub.time-zone", " ")));
        HubTimeZoneCheck check = new HubTimeZoneCheck();
        check.setEnvironment(server);
        check.postProcessBeanFactory(null);

        // what the clock (platform's PlatformConfiguration) is made with: it failed on "" before
        assertThat(server.getProperty("hub.time-zone")).isEqualTo("Asia/Shanghai");
    }

    @Test
    void aCommandTakesTheZoneBeforeOrAfterTheCommandNameAndRefusesOneThatIsNoneWithExit2() throws Exception {
        assertThat(TraceHubCli.isCommand(new String[] {"--hub.time-zone=UTC", "hash-password"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"--hub.time-zone=UTC"})).as("the server with its setting").isFalse();

        CliRun.Result refused = CliRun.run("--hub.time-zone=Asia/Shangai", "validate", dir.resolve("x.xml").toString());
        CliRun.Result accepted = CliRun.run("validate", "--hub.time-zone=UTC", dir.resolve("x.xml").toString());

        assertThat(refused.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(refused.err()).startsWith("时区设置无效（TIME_ZONE_INVALID，hub.time-zone / HUB_TIME_ZONE）：“Asia/Shangai”不是时区ID");
        assertThat(accepted.out()).as("the setting is no option of the command").contains("FILE_NOT_FOUND");
    }

    @Test
    void theServerDoesNotStartWithAZoneThatIsNoneAndSaysSoAsTheCommandsDo(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TraceHubApplication.class).web(WebApplicationType.NONE)
                .run("--hub.data-dir=" + dir, "--hub.time-zone=Asia/Shangai"))
                .isInstanceOf(HubTimeZone.Invalid.class)
                .hasMessageStartingWith("时区设置无效（TIME_ZONE_INVALID，hub.time-zone / HUB_TIME_ZONE）：“Asia/Shangai”不是时区ID");

        assertThat(output).contains("时区设置无效（TIME_ZONE_INVALID", "设置 hub.time-zone").doesNotContain("Error creating bean with name 'clock'");
        assertThat(dir.resolve("db")).as("stopped before the database was opened").doesNotExist();
    }
}
