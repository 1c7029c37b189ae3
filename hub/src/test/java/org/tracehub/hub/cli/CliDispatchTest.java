package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.hub.TraceHubApplication;

class CliDispatchTest {

    @TempDir
    Path dir;

    @Test
    void recognisesTheSubcommandsAndLeavesEverythingElseToTheServer() {
        assertThat(TraceHubCli.isCommand(new String[] {"convert", "--spec", "a.yaml", "b.csv"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"check-spec", "a.yaml"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"validate", "a.xml"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"hash-password"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"help"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"--spring.profiles.active=demo"})).isFalse();
        assertThat(TraceHubCli.isCommand(new String[] {"--hub.data-dir=/srv/hub", "--server.port=8081"})).isFalse();
        assertThat(TraceHubCli.isCommand(new String[0])).isFalse();
        // never a hub started by a typo or a request for help
        assertThat(TraceHubCli.isCommand(new String[] {"check-specs", "a.yaml"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"--help"})).isTrue();
        assertThat(TraceHubCli.isCommand(new String[] {"-h"})).isTrue();
    }

    @Test
    void answersAMistypedCommandWithTheUsageAndExit2AndHelpOptionsWithTheCommands() {
        CliRun.Result typo = CliRun.run("check-specs", "a.yaml");
        assertThat(typo.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(typo.err()).contains("check-specs").contains("check-spec");

        for (String help : List.of("--help", "-h")) {
            CliRun.Result result = CliRun.run(help);
            assertThat(result.exitCode()).as(help).isEqualTo(CliExitCodes.OK);
            assertThat(result.out()).as(help).contains("convert", "check-spec", "validate", "hash-password");
        }
    }

    @Test
    void printsTheCommandsOnHelp() {
        CliRun.Result result = CliRun.run("help");

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.OK);
        assertThat(result.out()).contains("convert").contains("check-spec").contains("validate").contains("hash-password");
    }

    @Test
    void runsASubcommandFromMainWithoutStartingTheServer() throws Exception {
        Path spec = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                TraceHubApplication.class.getName(), "check-spec", spec.toString()))
                .redirectErrorStream(true);
        // as under cron or in a container without a locale: Java 17's System.out would write ASCII, the report in "?"
        builder.environment().remove("LANG");
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(CliExitCodes.OK);
        assertThat(output).isEqualTo("通过 " + spec + "：来源 meat-wholesale-xj（MEAT），1种文件：交易明细_*.csv\n");
    }
}
