package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullSettingsTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("LEGACY_PASSWORD", "secret");

    @TempDir
    Path dir;

    private Path knownHosts;

    @BeforeEach
    void knownHosts() throws IOException {
        knownHosts = Files.writeString(dir.resolve("known_hosts"), "legacy.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA\n");
    }

    @Test
    void aKnownHostsFileThatDoesNotExistStopsTheStartNamingTheSourceAndTheSetting() {
        Path missing = dir.resolve("ssh").resolve("known_hosts");

        assertThatThrownBy(() -> PullSettings.of("legacy-gbk", source(), missing.toString(), ENVIRONMENT::get,
                dir.resolve("work"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hub.pull.sources.legacy-gbk: the known_hosts file " + missing
                        + " (hub.pull.known-hosts-file) does not exist")
                .hasMessageContaining("ssh-keyscan -p 22 legacy.example");

        PullProperties.Source own = source();
        own.setKnownHostsFile(dir.toString());
        assertThatThrownBy(() -> settings(own)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hub.pull.sources.legacy-gbk: the known_hosts file " + dir
                        + " (hub.pull.sources.legacy-gbk.known-hosts-file) is not a file");
    }

    @Test
    void aPrivateKeyFileThatDoesNotExistStopsTheStartNamingTheSourceAndTheSetting() {
        PullProperties.Source source = source();
        source.setPasswordEnv(null);
        source.setPrivateKeyFile(dir.resolve("keys/legacy").toString());

        assertThatThrownBy(() -> settings(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.pull.sources.legacy-gbk: the private key file " + dir.resolve("keys/legacy")
                        + " (private-key-file) does not exist");
    }

    @Test
    void aPullWhoseKnownHostsAndKeyFilesAreThereStarts() throws IOException {
        PullProperties.Source source = source();
        source.setPrivateKeyFile(Files.writeString(dir.resolve("legacy-key"), "-----BEGIN OPENSSH PRIVATE KEY-----\n").toString());

        PullSettings settings = settings(source);

        assertThat(settings.knownHostsFile()).isEqualTo(knownHosts);
        assertThat(settings.privateKeyFile()).isEqualTo(dir.resolve("legacy-key"));
    }

    @Test
    void theSftpEndpointReadsAndWritesRemoteNamesInTheSourcesFilenameEncoding() {
        PullProperties.Source source = source();
        source.setFilenameEncoding("gbk");

        PullSettings settings = settings(source);

        assertThat(settings.filenameEncoding().name()).isEqualTo("GBK");
        assertThat(settings.endpointUri(PullSettings.PullBeans.of("legacy-gbk")))
                .contains("&filenameEncoding=GBK");
        assertThat(settings.toString()).contains("filename-encoding=GBK");
    }

    @Test
    void aSourceThatNamesNoFilenameEncodingReadsNamesAsUtf8() {
        PullSettings settings = settings(source());

        assertThat(settings.filenameEncoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.endpointUri(PullSettings.PullBeans.of("legacy-gbk")))
                .contains("&filenameEncoding=UTF-8");
    }

    @Test
    void anUnknownFilenameEncodingStopsTheStartNamingTheSourceAndTheSetting() {
        for (String unknown : List.of("GBK2312", "not a charset")) {
            PullProperties.Source source = source();
            source.setFilenameEncoding(unknown);

            assertThatThrownBy(() -> settings(source)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("hub.pull.sources.legacy-gbk.filename-encoding: " + unknown + " is not a character set");
        }
    }

    @Test
    void aPatternThatIsNotAGlobStopsTheStartNamingItsSetting() {
        PullProperties.Source source = source();
        source.setPattern("充装记录_[2026*.txt");

        assertThatThrownBy(() -> settings(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hub.pull.sources.legacy-gbk.pattern: '充装记录_[2026*.txt' is not a file-name glob");
    }

    @Test
    void aFiveFieldCronStopsTheStartNamingItsSettingAndSayingSpringsCronsStartWithSeconds() {
        PullProperties.Source source = source();
        source.setCron("30 2 * * *");

        assertThatThrownBy(() -> settings(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hub.pull.sources.legacy-gbk.cron: '30 2 * * *' is not a cron expression")
                .hasMessageContaining("six fields, seconds first").hasMessageContaining("'0 30 2 * * *'");
    }

    @Test
    void aPullWithoutAPatternStartsWithoutTheSpecsGlobsAndReadsThemAtEachRun() {
        PullSettings settings = settings(source());

        assertThat(settings.patterns()).isEmpty();
        assertThat(settings.toString()).contains("(the spec's file names)");
    }

    private PullSettings settings(PullProperties.Source source) {
        return PullSettings.of("legacy-gbk", source, knownHosts.toString(), ENVIRONMENT::get, dir.resolve("work"));
    }

    private static PullProperties.Source source() {
        PullProperties.Source source = new PullProperties.Source();
        source.setHost("legacy.example");
        source.setUser("hub");
        source.setPasswordEnv("LEGACY_PASSWORD");
        source.setRemoteDir("export");
        return source;
    }
}
