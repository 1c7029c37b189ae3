package org.tracehub.platform.storage;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The layout of {@code hub.data-dir}: the drop-box roots ({@code sftp/<source>/inbox|outbox}) and the
 * immutable archive ({@code archive/<yyyy>/<MM>/<dd>/<batchId>/}).
 */
@Component
public class HubStorage {

    private final Path dataDir;

    public HubStorage(@Value("${hub.data-dir:./data}") String dataDir) {
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path dropBoxRoot() {
        return dataDir.resolve("sftp");
    }

    public Path inbox(String sourceId) {
        return dropBoxRoot().resolve(sourceId).resolve("inbox");
    }

    public Path outbox(String sourceId) {
        return dropBoxRoot().resolve(sourceId).resolve("outbox");
    }

    /** The archive folder of one batch, relative to the data dir (stored in the batch row). */
    public Path archiveFolder(OffsetDateTime receivedAt, String batchId) {
        return Path.of("archive", String.format("%04d", receivedAt.getYear()), String.format("%02d", receivedAt.getMonthValue()),
                String.format("%02d", receivedAt.getDayOfMonth()), batchId);
    }

    public Path resolve(String relativePath) {
        Path p = dataDir.resolve(relativePath).normalize();
        if (!p.startsWith(dataDir)) {
            throw new IllegalArgumentException("path escapes the data dir: " + relativePath);
        }
        return p;
    }
}
