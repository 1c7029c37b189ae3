package org.tracehub.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's file size as a gauge, for an alert before the disk it shares fills. */
class H2FileSizeGaugeTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseFileIsMeasuredInBytesWheneverTheGaugeIsRead() throws Exception {
        Path file = Files.createDirectories(dataDir.resolve("db")).resolve("tracehub.mv.db");
        Files.write(file, new byte[4096]);
        new H2FileSizeGauge("jdbc:h2:file:" + dataDir.resolve("db/tracehub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", registry);

        assertThat(registry.get(HubMetrics.H2_FILE_SIZE).gauge().value()).isEqualTo(4096);
        assertThat(registry.get(HubMetrics.H2_FILE_SIZE).gauge().getId().getBaseUnit()).isEqualTo("bytes");

        Files.write(file, new byte[8192]);
        assertThat(registry.get(HubMetrics.H2_FILE_SIZE).gauge().value()).isEqualTo(8192);

        Files.delete(file);
        assertThat(registry.get(HubMetrics.H2_FILE_SIZE).gauge().value()).isNaN();
    }

    @Test
    void onPostgresqlOrAnInMemoryH2ThereIsNoGauge() {
        new H2FileSizeGauge("jdbc:postgresql://localhost:5432/tracehub", registry);
        new H2FileSizeGauge("jdbc:h2:mem:tracehub", registry);

        assertThat(registry.find(HubMetrics.H2_FILE_SIZE).gauge()).isNull();
    }
}
