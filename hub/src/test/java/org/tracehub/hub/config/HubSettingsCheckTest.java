package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.tracehub.hub.ProductionClasses;
import org.tracehub.hub.TraceHubApplication;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.hub.security.HubSecurityProperties;
import org.tracehub.jobs.importjob.ReaderSettings;

/**
 * A mistyped {@code hub.*} setting stops the start naming it (it was silently ignored and its default kept), while the
 * shipped application.yml, every profile, lists, relaxed names and the environment's other variables still start.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubSettingsCheckTest {

    private static final ShippedSettings SHIPPED = ShippedSettings.load();
    private static final Map<ConfigurationPropertyName, Class<?>> BOUND = Map.of(
            ConfigurationPropertyName.of("hub.sftp"), DropBoxProperties.class,
            ConfigurationPropertyName.of("hub.security"), HubSecurityProperties.class);

    @TempDir
    Path dataDir;

    @Test
    void theHubDoesNotStartWithAMisspeltSettingAndSaysWhichAndWhatWasMeant(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TraceHubApplication.class).web(WebApplicationType.NONE)
                .run("--hub.data-dir=" + dataDir, "--hub.jobs.purge.archive-retension=P10Y"))
                .isInstanceOf(UnknownSettingException.class)
                .hasMessageContaining("hub.jobs.purge.archive-retension")
                .hasMessageContaining("did you mean hub.jobs.purge.archive-retention?");

        assertThat(output).contains("The hub has no setting named:", "hub.jobs.purge.archive-retension",
                "\"hub.jobs.purge.archive-retension\" from property source \"commandLineArgs\"", "README.md, \"Configuration\"");
        assertThat(dataDir.resolve("db")).as("stopped before the database was opened").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "hub.public-base-uri=https://trace.example.cn|hub.public-base-url",          // read with @Value
            "hub.jobs.chunk-sise=100|hub.jobs.chunk-size",                                  // read with @Value
            "hub.sftp.max-file-sise=1GB|hub.sftp.max-file-size",                            // a properties class
            "hub.sftp.accounts.meat-x.pasword-hash=x|",                                      // a map entry's property
            "hub.security.users.bob.role=ADMIN|",
            "hub.brokr.min-disk-free=1GB|hub.broker.min-disk-free"})
    void everyKindOfMisspeltKeyIsFound(String setting) {
        String[] parts = setting.split("\\|", -1);
        String key = parts[0].substring(0, parts[0].indexOf('='));

        List<UnknownSettingException.Unknown> unknown = check(Map.of(key, parts[0].substring(key.length() + 1)), Map.of());

        assertThat(unknown).extracting(UnknownSettingException.Unknown::name).containsExactly(key);
        assertThat(unknown.get(0).didYouMean()).isEqualTo(parts[1].isEmpty() ? null : parts[1]);
    }

    @Test
    void aMisspeltJvmSystemPropertyIsFoundButEnvironmentVariablesAreNotChecked() {
        List<UnknownSettingException.Unknown> unknown = check(Map.of(),
                Map.of("hub.jobs.purge.archive-retension", "P10Y", "hub.time-zone", "Asia/Shanghai"),
                Map.of("HUB_PULL_XJ_PASSWORD", "secret", "HUB_BROKER_URL", "tcp://mq:61616", "HUB_DB_URL", "jdbc:x",
                        "HUB_JOBS_CHUNK_SISE", "5"));

        assertThat(unknown).extracting(UnknownSettingException.Unknown::name).containsExactly("hub.jobs.purge.archive-retension");
        assertThat(unknown.get(0).origin()).contains("systemProperties");
    }

    @Test
    void knownSettingsListsMapsAndRelaxedNamesPass() {
        assertThat(check(Map.of(
                "hub.data-dir", "/srv/hub",
                "hub.jobs.chunkSize", "100",
                "hub.sftp.accounts.meat-x.password-hash", "$2a$10$x",
                "hub.sftp.accounts.meat-x.authorized-keys[0]", "ssh-ed25519 AAAA",
                "hub.security.users.bob.roles[0]", "ADMIN",
                "hub.pull.sources.meat-x.host", "legacy.example",
                "hub.jobs.nightly-sync.source-crons.meat-x", "0 0 3 * * *",
                "hub.demo.drop-samples", "false"), Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "demo", "postgres", "external-broker", "postgres,external-broker"})
    void theShippedSettingsOfEveryProfileStart(String profiles) {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllHubSettings.class)
                .withPropertyValues("spring.profiles.active=" + profiles)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DropBoxProperties.class).getPort()).isEqualTo(2222);
                });
    }

    @Test
    void aMisspeltKeyInAConfigurationFileStopsTheContextAsWell() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllHubSettings.class)
                .withPropertyValues("hub.console.page-sise=20")
                .run(context -> assertThat(context.getStartupFailure()).isInstanceOf(UnknownSettingException.class)
                        .hasMessageContaining("hub.console.page-sise").hasMessageContaining("did you mean hub.console.page-size?"));
    }

    @Test
    void aSettingTheHubOnceShippedIsWarnedAboutAndTheHubStartsWithoutIt(@TempDir Path configDir, CapturedOutput output) throws IOException {
        Path siteConfig = Files.writeString(configDir.resolve("site.yml"), """
                hub:
                  jobs:
                    readers:
                      max-xls-size: 30MB
                      xlsxRowCache: 100
                """);
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllHubSettings.class)
                .withPropertyValues("spring.config.import=file:" + siteConfig)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ReaderSettings.class).maxXlsSize()).isEqualTo(DataSize.ofMegabytes(30));
                    assertThat(context.getEnvironment().containsProperty("hub.jobs.readers.xlsxRowCache")).isFalse();
                });

        assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("hub.jobs.readers.xlsx-row-cache")))
                .singleElement().asString().contains("site.yml", "was removed on 2026-11-30", "has no effect; delete it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUB_JOBS_READERS_XLSXROWCACHE", "HUB_JOBS_READERS_XLSX_ROW_CACHE"})
    void aSettingTheHubOnceShippedGivenAsAnEnvironmentVariableIsWarnedAboutAndTheHubStartsWithoutIt(String variable, CapturedOutput output) {
        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                                variable, "100", "HUB_JOBS_READERS_MAXXLSSIZE", "30MB"))))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllHubSettings.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ReaderSettings.class).maxXlsSize()).isEqualTo(DataSize.ofMegabytes(30));
                });

        assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("hub.jobs.readers.xlsx-row-cache")))
                .singleElement().asString().contains(variable, "was removed on 2026-11-30", "delete it");
    }

    @Test
    void aRetiredSettingThatIsUnsafeToIgnoreStopsTheStartAlsoAsAnEnvironmentVariable() {
        RetiredSettings retired = new RetiredSettings(List.of(new RetiredSettings.Retired("hub.sftp.allow-from", "on 2026-01-01",
                "addresses are limited by the firewall now; add a rule there before deleting it", true)));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("HUB_SFTP_ALLOWFROM", "10.0.0.0/8", "HUB_JOBS_CHUNK_SISE", "5")));

        List<UnknownSettingException.Unknown> refused = HubSettingsCheck.withoutHarmlessRetired(environment,
                HubSettingsCheck.unknownSettings(environment, BOUND, SHIPPED, retired), retired);

        assertThat(refused).singleElement().satisfies(unknown -> assertThat(unknown.describe())
                .contains("HUB_SFTP_ALLOWFROM", "was removed on 2026-01-01", "add a rule there"));
    }

    @Test
    void aMisspeltKeyBesideARetiredOneStillStopsTheStart() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllHubSettings.class)
                .withPropertyValues("hub.jobs.readers.xlsx-row-cache=100", "hub.jobs.readers.max-xls-sise=30MB")
                .run(context -> assertThat(context.getStartupFailure()).isInstanceOf(UnknownSettingException.class)
                        .hasMessageContaining("hub.jobs.readers.max-xls-sise").hasMessageContaining("did you mean hub.jobs.readers.max-xls-size?")
                        .hasMessageNotContaining("xlsx-row-cache"));
    }

    @Test
    void aRetiredSettingThatIsUnsafeToIgnoreStopsTheStartSayingItWasRetiredAndWhatToDo() {
        RetiredSettings retired = new RetiredSettings(List.of(new RetiredSettings.Retired("hub.sftp.allow-from", "on 2026-01-01",
                "addresses are limited by the firewall now; add a rule there before deleting it", true)));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("hub.sftp.allow-from", "10.0.0.0/8")));

        List<UnknownSettingException.Unknown> refused = HubSettingsCheck.withoutHarmlessRetired(environment,
                HubSettingsCheck.unknownSettings(environment, BOUND, SHIPPED, retired), retired);

        assertThat(refused).singleElement().satisfies(unknown -> assertThat(unknown.describe())
                .contains("hub.sftp.allow-from", "was removed on 2026-01-01", "add a rule there").doesNotContain("did you mean"));
        assertThat(new UnknownSettingFailureAnalyzer().analyze(new UnknownSettingException(refused)).getAction())
                .startsWith("Do what each retired setting's line says");
        assertThat(environment.getProperty("hub.sftp.allow-from")).as("left as it was: the start stops").isEqualTo("10.0.0.0/8");
    }

    /** Each hub.* key the code reads with @Value has its default in the shipped files, or the check would refuse it. */
    @Test
    void everySettingReadWithValueIsAShippedSetting() {
        JavaClasses classes = ProductionClasses.all();
        TreeSet<String> read = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{(hub\\.[a-z0-9.\\-]+)");
        classes.forEach(javaClass -> {
            List<JavaAnnotation<?>> annotations = new ArrayList<>();
            javaClass.getFields().forEach(field -> annotations.addAll(field.getAnnotations()));
            javaClass.getCodeUnits().forEach(unit -> unit.getParameters().forEach(parameter -> annotations.addAll(parameter.getAnnotations())));
            annotations.stream().filter(annotation -> annotation.getRawType().isEquivalentTo(Value.class)).forEach(annotation -> {
                Matcher matcher = placeholder.matcher((String) annotation.get("value").orElse(""));
                while (matcher.find()) {
                    read.add(matcher.group(1));
                }
            });
        });

        assertThat(read).contains("hub.data-dir", "hub.public-base-url", "hub.jobs.chunk-size");
        assertThat(read).allSatisfy(key -> assertThat(SHIPPED.known(ConfigurationPropertyName.of(key))).as(key).isTrue());
    }

    @Test
    void theShippedFilesAreTheHubsConfigurationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.matches("application.*\\.ya?ml")))
                    .containsExactlyInAnyOrderElementsOf(ShippedSettings.FILES);
        }
    }

    private static List<UnknownSettingException.Unknown> check(Map<String, Object> arguments, Map<String, Object> systemProperties) {
        return check(arguments, systemProperties, Map.of());
    }

    private static List<UnknownSettingException.Unknown> check(Map<String, Object> arguments, Map<String, Object> systemProperties,
                                                               Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", arguments));
        return HubSettingsCheck.unknownSettings(environment, BOUND, SHIPPED, RetiredSettings.SHIPPED);
    }

    /** The check and every properties class of the hub, as the application registers them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.tracehub")
    static class AllHubSettings {

        @org.springframework.context.annotation.Bean
        static HubSettingsCheck hubSettingsCheck() {
            return new HubSettingsCheck();
        }
    }
}
