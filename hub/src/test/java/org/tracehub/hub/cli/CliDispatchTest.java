package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
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
    void runsASubcommandFromMainWithoutStartingTheServerTakingChineseArgumentsUnderAUtf8Locale() throws Exception {
        // a Chinese folder in the argument: Java turns it into a path in the locale's charset
        Path spec = CliRun.copy("sources/meat-wholesale-xj.yaml", Files.createDirectories(dir.resolve("映射")));

        Child child = runMain("C.UTF-8", "check-spec", spec.toString());

        assertThat(child.exitCode()).as(child.output()).isEqualTo(CliExitCodes.OK);
        assertThat(child.output()).isEqualTo("通过 " + spec + "：来源 meat-wholesale-xj（MEAT），1种文件：交易明细_*.csv\n");
    }

    /**
     * As under cron or in a container without a locale: Java 17 would read 交易明细_20261127.csv as "????…" and could
     * form no path for a Chinese name. The command stops before it starts, saying what to set — in UTF-8, readable.
     */
    @Test
    @EnabledOnOs(OS.LINUX) // elsewhere (macOS) Java names files in UTF-8 whatever the locale
    void stopsUnderALocaleThatCannotEncodeChineseFileNamesSayingToSetLangWithExit2() throws Exception {
        Path spec = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);

        Child child = runMain("C", "check-spec", spec.toString());

        assertThat(child.exitCode()).as(child.output()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(child.output()).startsWith("系统区域设置（locale）不支持中文文件名（LOCALE_UNSUPPORTED，sun.jnu.encoding=")
                .contains("请设置 LANG=C.UTF-8").contains("set LANG=C.UTF-8").doesNotContain("通过");
    }

    @Test
    void acceptsTheCharsetsThatEncodeChineseAndRefusesASCII() {
        assertThat(FileNameCharset.problem("UTF-8", "Linux")).isNull();
        assertThat(FileNameCharset.problem("GBK", "Linux")).isNull();
        assertThat(FileNameCharset.problem("GB18030", "Linux")).isNull();
        assertThat(FileNameCharset.problem("ANSI_X3.4-1968", "Linux")).contains("LOCALE_UNSUPPORTED").contains("LANG=C.UTF-8");
        assertThat(FileNameCharset.problem("ISO-8859-1", "Linux")).contains("LOCALE_UNSUPPORTED");
    }

    /** A Chinese Windows has GBK (Cp936), one with the UTF-8 beta option UTF-8; an English one Cp1252, where LANG does nothing. */
    @Test
    void onWindowsTheAdviceIsTheSystemLocaleNotLang() {
        assertThat(FileNameCharset.problem("GBK", "Windows 11")).isNull();
        assertThat(FileNameCharset.problem("UTF-8", "Windows Server 2022")).isNull();

        assertThat(FileNameCharset.problem("Cp1252", "Windows Server 2022"))
                .startsWith("Windows 系统区域设置不支持中文文件名（LOCALE_UNSUPPORTED，sun.jnu.encoding=Cp1252）")
                .contains("更改系统区域设置", "中文(简体，中国)", "Beta 版: 使用 Unicode UTF-8 提供全球语言支持", "重启 Windows")
                .contains("Change system locale", "Chinese (Simplified, China)", "Beta: Use Unicode UTF-8 for worldwide language support")
                .doesNotContain("LANG=C.UTF-8");
        assertThat(FileNameCharset.problem("ANSI_X3.4-1968", "Linux")).doesNotContain("Windows", "控制面板");
        assertThat(FileNameCharset.problem("US-ASCII", "Mac OS X")).contains("LANG=C.UTF-8");
    }

    private record Child(int exitCode, String output) {
    }

    /** Runs the jar's main in a child Java under {@code LC_ALL=locale}, no LANG, as a cron job or a container would. */
    private static Child runMain(String locale, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                TraceHubApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LANG");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LC_ALL", locale);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Child(process.exitValue(), output);
    }
}
