package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSettingsTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("LEGACY_PASSWORD", "secret");

    @Test
    void theSftpEndpointReadsAndWritesRemoteNamesInTheSourcesFilenameEncoding() {
        PullProperties.Source source = source();
        source.setFilenameEncoding("gbk");

        PullSettings settings = settings(source);

        assertThat(settings.filenameEncoding().name()).isEqualTo("GBK");
        assertThat(settings.endpointUri(PullSettings.PullBeans.of("legacy-gbk"), java.time.Duration.ZERO))
                .contains("&filenameEncoding=GBK");
        assertThat(settings.toString()).contains("filename-encoding=GBK");
    }

    @Test
    void aSourceThatNamesNoFilenameEncodingReadsNamesAsUtf8() {
        PullSettings settings = settings(source());

        assertThat(settings.filenameEncoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.endpointUri(PullSettings.PullBeans.of("legacy-gbk"), java.time.Duration.ZERO))
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

    private static PullSettings settings(PullProperties.Source source) {
        return PullSettings.of("legacy-gbk", source, "/etc/trace-hub/known_hosts", List.of("交易明细_*.csv"), ENVIRONMENT::get,
                Path.of("/tmp/work"));
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
