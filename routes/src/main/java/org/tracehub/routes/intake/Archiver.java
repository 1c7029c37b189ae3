package org.tracehub.routes.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.platform.storage.DiskSync;

/**
 * Copies a received file into its archive folder, computing SHA-256 while streaming, and
 * re-reads the copy to verify it before anyone relies on it. The copy and its folders are forced to the disk (the
 * original it copies is removed once the batch is recorded). The copy is made read-only. A copy
 * that an earlier, failed try of the same batch left in the folder is replaced by the atomic rename,
 * so one batch never has more than one archived file.
 *
 * <p>Content already archived (the same SHA-256 and size: a sender's system that sends the same file every night) is
 * stored as a hard link to the earlier copy rather than copied again ({@link #archive(Path, Path, String, SameContent)}):
 * each batch keeps its own folder and file name, and the archive's space is taken once. The purge removes a batch's own
 * folder, its name for the bytes: the bytes stay while another batch's link names them. A link the file system refuses
 * (another disk) is a copy, as before.
 */
@Component
public class Archiver {

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    public record Archived(Path file, long size, String sha256) {
    }

    /** Archived files that may hold the given content: their batch rows say so, their bytes are checked before use. */
    @FunctionalInterface
    public interface SameContent {
        List<Path> of(String sha256, long size);
    }

    /**
     * Archives the file as a hard link to an archived copy of the same content, if there is one whose bytes still match,
     * and otherwise as a copy ({@link #archive(Path, Path, String)}). The SHA-256 that finds the other copy is the one the
     * copy computes while it streams: a new file (the common case) is read as often as before, and only a file that turns
     * out to be a repeat has its copy written and then discarded for the link.
     */
    public Archived archive(Path source, Path targetFolder, String storedName, SameContent sameContent) throws IOException {
        return copyOrLink(source, targetFolder, storedName, (sha, size) -> size == 0 ? Optional.empty() // nothing to save
                : sameContent.of(sha, size).stream()
                        .map(existing -> link(existing, targetFolder, storedName, sha, size))
                        .flatMap(Optional::stream).findFirst());
    }

    public Archived archive(Path source, Path targetFolder, String storedName) throws IOException {
        return copyOrLink(source, targetFolder, storedName, (sha, size) -> Optional.empty());
    }

    /** The copy's content, before it is kept: a link to the same content archived before it, or none (keep the copy). */
    @FunctionalInterface
    private interface Linking {
        Optional<Archived> linked(String sha256, long size) throws IOException;
    }

    private Archived copyOrLink(Path source, Path targetFolder, String storedName, Linking linking) throws IOException {
        Files.createDirectories(targetFolder);
        Path target = targetFolder.resolve(storedName);
        Path partial = targetFolder.resolve(storedName + ".copying");
        String sha;
        long size;
        try {
            // a new file, never one left by an earlier try: that may be a hard link to another batch's archived original,
            // whose bytes writing through it would replace
            Files.deleteIfExists(partial);
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256());
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = in.transferTo(out);
                sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            Optional<Archived> linked = linking.linked(sha, size);
            if (linked.isPresent()) {
                return linked.get();
            }
            // the taken file goes once the batch is recorded: the copy must be on the disk by then, name and all
            DiskSync.file(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolders(targetFolder);
        } finally {
            Files.deleteIfExists(partial);
        }
        String verify = sha256Of(target);
        if (!verify.equals(sha)) {
            throw new IOException("archive copy of " + source.getFileName() + " does not match: " + verify + " != " + sha);
        }
        target.toFile().setWritable(false, false);
        return new Archived(target, size, sha);
    }

    private Optional<Archived> link(Path existing, Path targetFolder, String storedName, String sha, long size) {
        if (targetFolder.equals(existing.getParent())) {
            return Optional.empty(); // this batch's own copy from an earlier try: replaced by a copy, never linked to itself
        }
        Path target = targetFolder.resolve(storedName);
        Path partial = targetFolder.resolve(storedName + ".linking");
        try {
            try {
                Files.deleteIfExists(partial);
                try {
                    Files.createLink(partial, existing);
                } catch (IOException | UnsupportedOperationException | SecurityException cannotLink) {
                    // another file system, one without links, or the earlier copy purged meanwhile: a copy of its own
                    log.info("cannot link {} to the archived copy {} of the same content ({}); copying it", target, existing,
                            cannotLink.toString());
                    return Optional.empty();
                }
                // the bytes behind the link are this file's: an earlier copy damaged since is not taken for it
                if (Files.size(partial) != size || !sha256Of(partial).equals(sha)) {
                    log.warn("the archived copy {} no longer matches its batch's SHA-256 {}; {} is copied, not linked to it",
                            existing, sha, target);
                    return Optional.empty();
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                syncFolders(targetFolder);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            log.warn("cannot link {} to the archived copy {} of the same content; copying it", target, existing, e);
            return Optional.empty();
        }
        log.info("archived {} as a hard link to {}, the same content (SHA-256 {}, {} bytes): no new space", target, existing, sha,
                size);
        return Optional.of(new Archived(target, size, sha));
    }

    /** The new name on the disk before the taken file goes: archive/<yyyy>/<MM>/<dd>/<batch id>/, each of them may be new. */
    private static void syncFolders(Path targetFolder) throws IOException {
        Path folder = targetFolder;
        for (int level = 0; level < 5 && folder != null; level++, folder = folder.getParent()) {
            DiskSync.folder(folder);
        }
    }

    public static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
