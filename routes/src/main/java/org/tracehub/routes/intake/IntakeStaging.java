package org.tracehub.routes.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.DiskSync;
import org.tracehub.platform.storage.FileTimes;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.reminder.Reminders;

/**
 * The "taken" state between a transport and intake. Taking a complete file gives it its batch id and
 * moves it, by one atomic rename, into {@code sftp/<source>/inbox/.taken/<batchId>/} together with what
 * intake must know about it ({@code .meta.properties}: original name, transport, time taken). From then
 * on the file is the hub's: the sender can still read it there but not change it (the drop-box refuses
 * every change below {@code .taken}), a new upload under the same name is a new file, and every later
 * try of intake — a retry, the sweep after a restart — works on the same batch id.
 *
 * <p>Claims say which taken files an exchange is working on right now, so that the sweep leaves them
 * alone. They live in memory, this node's only. A batch folder is claimed from its
 * creation until its file is in place: an HTTP upload streams for as long as the sender's line takes,
 * and a sweep in that time would otherwise find a folder without its file and remove it. Nodes that share
 * a database share the data dir too, and see none of each other's claims: their sweeps look only at folders
 * unchanged for a while ({@link #pending(Instant)}).
 */
@Component
public class IntakeStaging {

    /** How far ahead of this node's clock an entry's time may be and still count as a change (the nodes' clocks differ a little). */
    private static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(1);

    /** The taken folder's name inside an inbox. Hidden: {@link FileNames#isInProgress} treats it as not a sender's file. */
    public static final String TAKEN_FOLDER = ".taken";

    private static final Logger log = LoggerFactory.getLogger(IntakeStaging.class);
    private static final String META = ".meta.properties";
    private static final String UPLOADING = ".uploading";
    /** The note's size and modification time of the file being taken (from an inbox or a download folder). */
    private static final String NOTE_SIZE = "size";
    private static final String NOTE_MODIFIED = "modified";
    // An empty file whose name says how the file came (".transport-PULL"): a name survives a power cut that empties the
    // note (the folder's entries are forced to the disk before the file is acknowledged), so a rebuilt batch keeps it.
    private static final String TRANSPORT_MARK = ".transport-";

    private final HubStorage storage;
    private final Clock clock;
    private final ObjectProvider<InboxUploads> uploads;
    private final Set<String> claims = ConcurrentHashMap.newKeySet();
    // the folders the sweep cannot take in: an administrator is told once, and again once a day, not at every sweep
    private final Reminders<Path> attention;
    // Creating a batch folder and removing an empty .taken folder must not interleave.
    private final Object folders = new Object();

    @Autowired
    public IntakeStaging(HubStorage storage, Clock clock, ObjectProvider<InboxUploads> uploads) {
        this.storage = storage;
        this.clock = clock;
        this.uploads = uploads;
        this.attention = new Reminders<>(clock);
    }

    /** Without a transport that writes into inboxes (tests of the staging alone). */
    public IntakeStaging(HubStorage storage, Clock clock) {
        this(storage, clock, new StaticListableBeanFactory().getBeanProvider(InboxUploads.class));
    }

    /** {@code sftp/<source>/inbox/.taken}. */
    public Path takenRoot(String sourceId) {
        return storage.inbox(SourceIds.require(sourceId)).resolve(TAKEN_FOLDER);
    }

    /**
     * Takes a complete file (an inbox file, a fetched file) by moving it into its batch folder.
     *
     * @return empty when the file is no longer there: an earlier report of the same upload took it
     */
    public Optional<TakenFile> take(String sourceId, Path file, String originalName, Transport transport) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        TakenFile taken = prepare(sourceId, originalName, transport, file);
        try {
            move(file, taken.file());
        } catch (NoSuchFileException gone) {
            discard(taken);
            unclaim(taken.batchId());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            discard(taken);
            unclaim(taken.batchId());
            throw e;
        }
        try {
            // moved: from here on the file is the taken one, never discarded (the intake sweep takes it in)
            durable(taken);
        } finally {
            unclaim(taken.batchId());
        }
        logTaken(taken, originalName, transport);
        return Optional.of(taken);
    }

    /** Takes content that arrives as a stream (HTTP upload): written beside, then renamed into place. */
    public TakenFile stage(String sourceId, String originalName, Transport transport, InputStream content) throws IOException {
        TakenFile taken = prepare(sourceId, originalName, transport, null);
        Path partial = taken.folder().resolve(UPLOADING);
        try {
            Files.copy(content, partial);
            Files.move(partial, taken.file(), StandardCopyOption.ATOMIC_MOVE);
            durable(taken);
        } catch (IOException | RuntimeException e) {
            discard(taken);
            throw e;
        } finally {
            unclaim(taken.batchId());
        }
        logTaken(taken, originalName, transport);
        return taken;
    }

    /**
     * The taken file of a batch, if it is still waiting for intake. A folder whose file never arrived
     * (the hub stopped between writing what it knew and moving the file) is finished now if the file is
     * still where it was, and otherwise removed.
     */
    public Optional<TakenFile> find(String sourceId, String batchId) throws IOException {
        if (!BatchIds.isWellFormed(batchId)) {
            return Optional.empty();
        }
        Path folder = takenRoot(sourceId).resolve(batchId);
        Path meta = folder.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        TakenFile taken;
        try {
            taken = new TakenFile(batchId, sourceId, p.getProperty("name"), Transport.valueOf(p.getProperty("transport")),
                    OffsetDateTime.parse(p.getProperty("receivedAt")), folder, folder.resolve(p.getProperty("file")));
        } catch (RuntimeException damaged) {
            return rebuilt(sourceId, batchId, folder);
        }
        if (Files.isRegularFile(taken.file())) {
            return Optional.of(taken);
        }
        String from = p.getProperty("from");
        if (from != null && Files.isRegularFile(Path.of(from), LinkOption.NOFOLLOW_LINKS)) {
            // The sender may be uploading the same name again right now (the close the crash cut off was never answered):
            // that file is theirs until its own close takes it. Moved here, it was taken half-written, the rest of the
            // upload went into the taken file, and its close found nothing at the name: answered, never taken in.
            Path source = Path.of(from);
            InboxUploads inboxes = uploads.getIfAvailable(() -> InboxUploads.NONE);
            AtomicReference<String> another = new AtomicReference<>();
            // checked while no upload of the name can open: the file moved is the file compared
            if (!inboxes.unlessUploading(sourceId, source, () -> {
                another.set(notTheFileTaken(p, source, meta));
                if (another.get() == null) {
                    moveIfThere(source, taken.file());
                }
            })) {
                log.info("batch {} waits: {} is being uploaded again; its own close takes it in, and then this folder goes",
                        batchId, from);
                return Optional.empty();
            }
            if (another.get() != null) {
                // the sender sent the name again meanwhile (an upload cut off, or another file): theirs, a file of its own,
                // left in the inbox untouched; taken here, a partial or different file would have become the earlier batch
                log.warn("removed batch folder {}: {} in the inbox is not the file the hub had begun to take as batch {} "
                        + "before it stopped ({}); the inbox file is left as it is", folder, from, batchId, another.get());
                discard(taken);
                return Optional.empty();
            }
            if (Files.isRegularFile(taken.file())) {
                log.warn("finished taking {} as batch {} (the hub had stopped halfway)", from, batchId);
                return Optional.of(taken);
            }
        }
        discard(taken);
        return Optional.empty();
    }

    /**
     * Why the inbox file is not the one a half-taken folder's note describes, or null if it is: the size and modification
     * time it had when the take began. A note written before the hub recorded them (an earlier version) has only its own
     * time to go by: a file changed after the note was written is a later upload.
     */
    private static String notTheFileTaken(Properties note, Path file, Path meta) throws IOException {
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Instant modified = now.lastModifiedTime().toInstant();
        String notedSize = note.getProperty(NOTE_SIZE);
        String notedModified = note.getProperty(NOTE_MODIFIED);
        if (notedSize == null || notedModified == null) {
            Instant written = Files.getLastModifiedTime(meta).toInstant();
            return modified.isAfter(written) ? "changed at " + modified + ", after the note written at " + written : null;
        }
        try {
            if (Long.parseLong(notedSize.strip()) == now.size() && Instant.parse(notedModified.strip()).equals(modified)) {
                return null;
            }
        } catch (RuntimeException unreadable) {
            return "the note's size or time cannot be read: " + notedSize + ", " + notedModified;
        }
        return now.size() + " bytes modified at " + modified + ", not " + notedSize + " bytes modified at " + notedModified;
    }

    /**
     * A batch folder whose note is damaged (a power cut after the upload was acknowledged can leave the renamed note
     * empty): the taken file is the sender's, so it is taken in with what the folder itself tells, under the batch id
     * the sender may already have. Without a file there is nothing to take: the close or upload it belonged to was
     * never answered, and the sender sends again.
     */
    private Optional<TakenFile> rebuilt(String sourceId, String batchId, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> content = Files.list(folder)) {
            files = content.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        if (files.isEmpty()) {
            log.warn("removed batch folder {}: a damaged {} and no file (the hub stopped before taking it)", folder, META);
            for (String leftover : List.of(META, META + ".tmp", UPLOADING)) {
                Files.deleteIfExists(folder.resolve(leftover));
            }
            deleteTransportMarks(folder);
            Files.deleteIfExists(folder);
            return Optional.empty();
        }
        if (files.size() > 1) {
            leftForAnAdministrator(folder, "batch folder " + folder + " has a damaged " + META + " and " + files.size()
                    + " file(s): left for an administrator", null);
            return Optional.empty();
        }
        Path file = files.get(0);
        OffsetDateTime receivedAt = OffsetDateTime.ofInstant(takenAround(file, folder), clock.getZone());
        Optional<Transport> marked = markedTransport(folder);
        // a folder taken before the hub marked transports: the drop-box is how most files arrive
        Transport transport = marked.orElse(Transport.SFTP);
        TakenFile taken = new TakenFile(batchId, sourceId, file.getFileName().toString(), transport, receivedAt, folder, file);
        log.error("batch folder {} had a damaged {} (a power cut?): taking {} in as received at {} over {}{}", folder, META,
                file.getFileName(), receivedAt, transport, marked.isPresent() ? "" : " (not marked in the folder: assumed)");
        return Optional.of(taken);
    }

    /**
     * When a file whose note is gone was taken, as near as its folder tells: the latest of the file's modification and
     * status-change times and the folder's own time, never after now. The file's modification time alone is the sender's
     * (WinSCP keeps the original's by default): a batch received at it was days early on its receipt, and ranked older than
     * files that arrived before it, whose versions of a re-sent record then won.
     */
    private Instant takenAround(Path file, Path folder) throws IOException {
        Instant touched = FileTimes.modifiedOrChanged(file).toInstant();
        Instant folderTime = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
        Instant latest = folderTime.isAfter(touched) ? folderTime : touched;
        Instant now = clock.instant();
        return latest.isAfter(now) ? now : latest;
    }

    /** The transport the folder's mark names, if it has one. */
    private static Optional<Transport> markedTransport(Path folder) throws IOException {
        try (Stream<Path> content = Files.list(folder)) {
            return content.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(TRANSPORT_MARK))
                    .map(n -> n.substring(TRANSPORT_MARK.length()))
                    .flatMap(n -> Stream.of(Transport.values()).filter(t -> t.name().equals(n)))
                    .findFirst();
        }
    }

    /**
     * Every taken file waiting for intake, of every source; oldest batch ids first. Folders claimed by an
     * exchange are left alone: one still being filled has no file yet, and looking it up would remove it.
     */
    public List<TakenFile> pending() throws IOException {
        return pending(Instant.MAX);
    }

    /**
     * The taken files waiting for intake whose folders have not changed since the given time. Another node sharing the
     * data dir may be filling a newer folder right now (its claims are its own): an HTTP upload still streaming, or a
     * drop-box take between its note and its move. Looking such a folder up ({@link #find}) would remove it, or move its
     * file in under the other node, whose own move then fails and discards the file it had answered for.
     */
    public List<TakenFile> pending(Instant unchangedSince) throws IOException {
        List<TakenFile> pending = new ArrayList<>();
        attention.forgetIf(folder -> !Files.exists(folder, LinkOption.NOFOLLOW_LINKS));
        Path root = storage.dropBoxRoot();
        if (!Files.isDirectory(root)) {
            return pending;
        }
        try (Stream<Path> sources = Files.list(root)) {
            for (Path source : sources.sorted().toList()) {
                String sourceId = source.getFileName().toString();
                Path taken = SourceIds.isWellFormed(sourceId) ? takenRoot(sourceId) : null;
                if (taken == null || !Files.isDirectory(taken, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> batches = Files.list(taken)) {
                    for (Path folder : batches.sorted().toList()) {
                        String batchId = folder.getFileName().toString();
                        if (!isClaimed(batchId)) {
                            try {
                                if (lastChanged(folder).isAfter(unchangedSince)) {
                                    log.debug("taken folder {} changed lately: it may still be being filled; left for a later sweep",
                                            folder);
                                    continue;
                                }
                                find(sourceId, batchId).ifPresent(pending::add);
                            } catch (IOException | RuntimeException e) {
                                // one folder the hub cannot read must not hold back every other sender's file
                                leftForAnAdministrator(folder, "cannot read the taken folder " + folder
                                        + ": left for an administrator", e);
                            }
                        }
                    }
                }
            }
        }
        return pending;
    }

    /**
     * A taken folder the hub cannot take in by itself: at ERROR when first met and once a day while it is still there, at
     * DEBUG in between (the sweep meets it every few minutes, and each ERROR is a page for whoever watches them).
     */
    private void leftForAnAdministrator(Path folder, String problem, Throwable cause) {
        if (attention.due(folder)) {
            log.error("{} (said again once a day while it is there)", problem, cause);
        } else {
            log.debug("{} (said at ERROR already)", problem, cause);
        }
    }

    /**
     * When anything in a batch folder last changed: the folder (an entry added, renamed or removed: the note, the mark, the
     * file moved in) and each entry (an upload still streaming into {@code .uploading}). A folder gone meanwhile counts as
     * just changed. An entry's time in the future is no sign of work: a sender may set an uploaded file's modification time
     * (sftp {@code put -p}), kept when the file is moved in, and a clock ahead would hold the folder back until then (the
     * folder's own time says when the file was moved in).
     */
    private static Instant lastChanged(Path folder) throws IOException {
        try {
            Instant last = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return last; // not a batch folder: find() has nothing to take from it
            }
            Instant credible = Instant.now().plus(CLOCK_TOLERANCE);
            try (Stream<Path> content = Files.list(folder)) {
                for (Path entry : content.toList()) {
                    try {
                        Instant changed = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
                        if (changed.isAfter(last) && !changed.isAfter(credible)) {
                            last = changed;
                        }
                    } catch (NoSuchFileException renamedMeanwhile) {
                        return Instant.MAX;
                    }
                }
            }
            return last;
        } catch (NoSuchFileException goneMeanwhile) {
            return Instant.MAX;
        }
    }

    /** Removes a taken file once it is archived and recorded, and its folders when they are empty. */
    public void release(TakenFile taken) throws IOException {
        Files.deleteIfExists(taken.file());
        Files.deleteIfExists(taken.folder().resolve(UPLOADING));
        Files.deleteIfExists(taken.folder().resolve(META));
        deleteTransportMarks(taken.folder());
        synchronized (folders) {
            Files.deleteIfExists(taken.folder());
            try {
                Files.deleteIfExists(taken.folder().getParent());
            } catch (DirectoryNotEmptyException othersWaiting) {
                // other taken files of the source are still waiting
            }
        }
    }

    private static void deleteTransportMarks(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> content = Files.list(folder)) {
            for (Path mark : content.filter(f -> f.getFileName().toString().startsWith(TRANSPORT_MARK)).toList()) {
                Files.deleteIfExists(mark);
            }
        }
    }

    /** When the file was taken, by the file system's clock: for ages, not for dates. */
    public Instant takenAt(TakenFile taken) throws IOException {
        return Files.getLastModifiedTime(taken.folder().resolve(META)).toInstant();
    }

    /** Marks a batch's taken file as being worked on; false if another exchange already is. */
    public boolean claim(String batchId) {
        return claims.add(batchId);
    }

    public void unclaim(String batchId) {
        claims.remove(batchId);
    }

    public boolean isClaimed(String batchId) {
        return claims.contains(batchId);
    }

    /** A new batch folder with what intake must know, claimed until the caller has put the file in place. */
    private TakenFile prepare(String sourceId, String originalName, Transport transport, Path from) throws IOException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = newBatchId(now);
        try {
            return writeFolder(sourceId, batchId, originalName, transport, now, from);
        } catch (IOException | RuntimeException e) {
            unclaim(batchId);
            throw e;
        }
    }

    /**
     * A new batch id, claimed, that no batch received the same day holds: ids are the day and 40 random bits, so two may
     * meet (at 6,000 files a day about once in 150 years) — a batch of that day is recognised by its archive folder, a
     * file being taken in right now by its claim.
     */
    private String newBatchId(OffsetDateTime receivedAt) {
        while (true) {
            String batchId = BatchIds.next(receivedAt);
            if (!Files.exists(storage.dataDir().resolve(storage.archiveFolder(receivedAt, batchId))) && claim(batchId)) {
                return batchId;
            }
            log.warn("batch id {} is taken already; drawing another", batchId);
        }
    }

    /**
     * Moves a taken file into the batch folder of a new id, keeping its name, transport and time of receipt: its own id
     * turned out to be another batch's (two random ids met while both files were being taken in). The old folder is
     * removed; a stop in between leaves it without its file, which {@link #find} removes.
     */
    public TakenFile retake(TakenFile taken) throws IOException {
        String batchId = newBatchId(taken.receivedAt());
        TakenFile fresh;
        try {
            fresh = writeFolder(taken.sourceId(), batchId, taken.originalName(), taken.transport(), taken.receivedAt(), null);
            move(taken.file(), fresh.file());
            durable(fresh);
        } finally {
            unclaim(batchId);
        }
        release(taken);
        log.warn("taken file {} of source {} moved from batch {} to batch {}: its id was another batch's", taken.originalName(),
                taken.sourceId(), taken.batchId(), batchId);
        return fresh;
    }

    private TakenFile writeFolder(String sourceId, String batchId, String originalName, Transport transport, OffsetDateTime now,
                                  Path from) throws IOException {
        Path folder = takenRoot(sourceId).resolve(batchId);
        synchronized (folders) {
            Files.createDirectories(folder);
        }
        TakenFile taken = new TakenFile(batchId, sourceId, originalName, transport, now, folder,
                folder.resolve(FileNames.sanitize(originalName)));
        Properties p = new Properties();
        p.setProperty("source", sourceId);
        p.setProperty("name", originalName);
        p.setProperty("transport", transport.name());
        p.setProperty("receivedAt", now.toString());
        p.setProperty("file", taken.file().getFileName().toString());
        if (from != null) {
            p.setProperty("from", from.toAbsolutePath().toString());
            // what identifies the file: a crash before the move leaves it in the inbox, where the sender may send the name again
            try {
                BasicFileAttributes attributes = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                p.setProperty(NOTE_SIZE, Long.toString(attributes.size()));
                p.setProperty(NOTE_MODIFIED, attributes.lastModifiedTime().toInstant().toString());
            } catch (NoSuchFileException gone) {
                // taken by an earlier report meanwhile: the move finds nothing and the folder goes
            }
        }
        Path partial = folder.resolve(META + ".tmp");
        try {
            Files.createFile(folder.resolve(TRANSPORT_MARK + transport.name()));
        } catch (IOException | RuntimeException e) {
            discard(taken);
            throw e;
        }
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            p.store(out, "taken for intake; removed once archived and recorded");
        } catch (IOException | RuntimeException e) {
            discard(taken);
            throw e;
        }
        // its bytes on the disk before the rename is: a power cut would otherwise leave the name with no content
        DiskSync.file(partial);
        Files.move(partial, folder.resolve(META), StandardCopyOption.ATOMIC_MOVE);
        return taken;
    }

    private void discard(TakenFile taken) {
        try {
            Files.deleteIfExists(taken.folder().resolve(META + ".tmp"));
            release(taken);
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot remove the unused batch folder {}", taken.folder(), e);
        }
    }

    /**
     * The taken file, its name and its batch folder on the disk before the hub acknowledges it: the sender's SFTP close
     * is answered, the HTTP upload gets its batch id, a pull removes or moves the file on the legacy server.
     */
    private static void durable(TakenFile taken) throws IOException {
        DiskSync.file(taken.file());
        DiskSync.folder(taken.folder());
        DiskSync.folder(taken.folder().getParent());
    }

    private static void moveIfThere(Path from, Path to) throws IOException {
        try {
            move(from, to);
        } catch (NoSuchFileException gone) {
            // taken by someone else in the meantime
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            // a pull work folder on another disk: copy aside, then rename into place
            Path partial = to.resolveSibling(UPLOADING);
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(from);
        }
    }

    private static void logTaken(TakenFile taken, String originalName, Transport transport) {
        try (BatchLogContext ignored = BatchLogContext.open(taken.batchId(), taken.sourceId())) {
            log.info("taken source={} file={} batch={} transport={}", taken.sourceId(), originalName, taken.batchId(), transport);
        }
    }
}
