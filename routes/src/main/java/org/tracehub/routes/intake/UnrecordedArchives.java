package org.tracehub.routes.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.storage.ArchivedBatchFolders;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.receipt.ReceiptedSources;

/**
 * Archive folders of batches the database does not know: what a database restored from a copy older than the data dir
 * leaves (the batches received after the copy was taken). Nothing reads or purges such an original, and its data is not
 * in the store; the sender was answered, and believes it delivered. Looked for from the newest batch's day on (a
 * batch's id and its archive folder carry the same day), so the look costs a few days' folders however old the archive
 * is; told once at start-up, at ERROR, with the source where a receipt in an outbox names the batch, and what to do.
 */
@Component
public class UnrecordedArchives {

    /** One archived original without a batch row; {@code sourceId} empty when no receipt names its batch. */
    public record Unrecorded(String batchId, Path folder, List<String> files, Optional<String> sourceId) {
    }

    private static final Logger log = LoggerFactory.getLogger(UnrecordedArchives.class);
    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Folders looked at in one look: a few days' worth; more than that means the database is far behind anyway. */
    static final int LIMIT = 20_000;
    private static final int PER_QUERY = 500;

    private final HubStorage storage;
    private final JdbcClient jdbc;
    private final ReceiptedSources receipted;

    public UnrecordedArchives(HubStorage storage, JdbcClient jdbc, ReceiptedSources receipted) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.receipted = receipted;
    }

    /** The archive folders from the newest batch's day on that have no batch row; none while the database has no batch. */
    public List<Unrecorded> find() {
        Optional<String> newest = jdbc.sql("SELECT id FROM batch ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").query(String.class)
                .optional(); // ids begin with their archive day
        if (newest.isEmpty() || !BatchIds.isWellFormed(newest.get())) {
            return List.of(); // a new hub, or one started on an empty database on purpose (hub.allow-empty-database)
        }
        LocalDate newestDay;
        try {
            newestDay = LocalDate.parse(newest.get().substring(0, 8), ID_DAY);
        } catch (DateTimeParseException notADay) {
            return List.of();
        }
        Map<String, Path> folders = new LinkedHashMap<>();
        ArchivedBatchFolders.since(storage.dataDir(), newestDay, LIMIT).forEach(f -> folders.put(f.batchId(), f.path()));
        Set<String> unknown = new HashSet<>(folders.keySet());
        unknown.removeAll(recorded(new ArrayList<>(folders.keySet())));
        // a file being taken in has its archive copy before its row, and keeps its taken folder until both are there
        unknown.removeIf(this::beingTakenIn);
        Map<String, String> sources = receipted.of(unknown);
        return folders.entrySet().stream().filter(e -> unknown.contains(e.getKey()))
                .map(e -> new Unrecorded(e.getKey(), e.getValue(), filesIn(e.getValue()), Optional.ofNullable(sources.get(e.getKey()))))
                .toList();
    }

    /** Says once, at start-up, which originals the database does not know. */
    @EventListener(ApplicationReadyEvent.class)
    public void reportAtStartUp() {
        List<Unrecorded> found;
        try {
            found = find();
        } catch (RuntimeException e) {
            log.warn("cannot compare the archive with the batch rows at start-up", e); // a look, never a reason not to run
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        String list = found.stream().map(u -> u.folder() + " " + u.files() + " of source "
                + u.sourceId().orElse("unknown (no receipt names it)")).collect(Collectors.joining("; "));
        log.error("{} archived original(s) have no batch row: the database is older than the data dir (restored from an "
                + "earlier copy?), and the hub will neither take them in nor purge them. Send each again as its source, as an "
                + "admin: POST /api/sources/<source>/files (multipart part file), taken in as a new batch; a file only copied "
                + "into an inbox is not (README, \"Backup and restore\", partial restores): {}",
                found.size(), list);
    }

    private boolean beingTakenIn(String batchId) {
        try (Stream<Path> roots = Files.list(storage.dropBoxRoot())) {
            return roots.map(root -> root.getFileName().toString()).filter(SourceIds::isWellFormed)
                    .anyMatch(source -> Files.exists(storage.inbox(source).resolve(IntakeStaging.TAKEN_FOLDER).resolve(batchId),
                            LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException noDropBox) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inboxes under " + storage.dropBoxRoot(), e);
        }
    }

    private Set<String> recorded(List<String> ids) {
        Set<String> recorded = new HashSet<>();
        for (int from = 0; from < ids.size(); from += PER_QUERY) {
            recorded.addAll(jdbc.sql("SELECT id FROM batch WHERE id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + PER_QUERY))).query(String.class).list());
        }
        return recorded;
    }

    private static List<String> filesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).map(f -> f.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the archive folder " + folder, e);
        }
    }
}
