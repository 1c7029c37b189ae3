package org.tracehub.routes.intake;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.storage.HubStorage;

/**
 * Archived originals that hold the same content as a file being taken in, for {@link Archiver} to link to instead of
 * copying: a sender whose system sends the same 200 MB file every night (a DUPLICATE, or an UNKNOWN_SOURCE name) filled
 * the archive with a full copy each night. Looked up by what the batch table can find without a new index: the
 * source's first batch of that content ({@code content_key}, any age), then the source's batches of the last
 * {@link #RECENT} with the same SHA-256 and size (its index on source and received time). Content last sent longer ago
 * under a name that is not accepted is copied again, as before.
 */
@Component
public class IdenticalArchives {

    /** How far back a source's batches are searched for the same content beyond its accepted original. */
    static final Duration RECENT = Duration.ofDays(35);
    private static final int MOST = 3;

    private final JdbcClient jdbc;
    private final HubStorage storage;
    private final Clock clock;

    public IdenticalArchives(JdbcClient jdbc, HubStorage storage, Clock clock) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.clock = clock;
    }

    /** The archived files of the source, still kept, whose batch rows record this SHA-256 and size; the newest first. */
    public List<Path> of(String sourceId, String sha256, long size) {
        Set<String> paths = new LinkedHashSet<>();
        paths.addAll(jdbc.sql("SELECT archive_path FROM batch WHERE source_id = :source AND received_at >= :since "
                        + "AND sha256 = :sha AND size_bytes = :size AND archive_purged_at IS NULL "
                        + "ORDER BY received_at DESC FETCH FIRST " + MOST + " ROWS ONLY")
                .param("source", sourceId).param("since", OffsetDateTime.now(clock).minus(RECENT))
                .param("sha", sha256).param("size", size).query(String.class).list());
        paths.addAll(jdbc.sql("SELECT archive_path FROM batch WHERE content_key = :key AND size_bytes = :size "
                        + "AND archive_purged_at IS NULL")
                .param("key", sourceId + ":" + sha256).param("size", size).query(String.class).list());
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            Path file = storage.resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                files.add(file);
            }
        }
        return files;
    }
}
