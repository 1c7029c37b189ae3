package org.tracehub.hub.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a killed hub left in {@code spring.servlet.multipart.location}: Tomcat's copies of uploads whose request
 * never ended. Tomcat removes its copy when the request ends, and the hub has taken the file in by then (the inbox, the
 * archive) if it took it at all, so a leftover is no received file. Only those untouched for {@link #AGE}: another node
 * sharing the data directory may be receiving one right now, and a copy being written is touched all the time.
 */
final class UploadTempLeftovers {

    static final Duration AGE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(UploadTempLeftovers.class);

    private UploadTempLeftovers() {
    }

    /** @return how many files were removed */
    static int clear(Path folder, Instant now) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(AGE)) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // the next start tries again; an upload needs the folder, not its emptiness
            log.warn("Could not clear the leftover uploads in {}: {}", folder, e.toString());
        }
        if (removed > 0) {
            log.info("Removed {} upload copies a stopped hub left in {}", removed, folder);
        }
        return removed;
    }
}
