package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.EmbeddedH2Url;

/**
 * {@code tracehub_h2_file_size_bytes}: the size of the embedded H2 database's file ({@code db/tracehub.mv.db}), which
 * shares its disk with the broker and the archive; read whenever the gauge is read, NaN while the file cannot be read.
 * Not registered on any other database.
 */
@Component
public class H2FileSizeGauge {

    public H2FileSizeGauge(@Value("${spring.datasource.url:}") String url, MeterRegistry registry) {
        // the supplier's form: a gauge holds its object weakly, and a collected Path would turn it NaN
        EmbeddedH2Url.databaseFile(url).ifPresent(file -> Gauge.builder(HubMetrics.H2_FILE_SIZE, () -> size(file))
                .description("Size of the embedded H2 database's file")
                .baseUnit(BaseUnits.BYTES)
                .register(registry));
    }

    private static double size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
