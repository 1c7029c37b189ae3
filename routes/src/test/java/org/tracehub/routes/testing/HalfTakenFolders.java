package org.tracehub.routes.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.tracehub.platform.batch.Transport;
import org.tracehub.routes.intake.IntakeStaging;

/** Taken folders as a crash (or another node's take still under way) leaves them: the note written, the file not moved in. */
public final class HalfTakenFolders {

    private HalfTakenFolders() {
    }

    /**
     * A drop-box take's folder for {@code batchId} with its transport mark and note, its file still at {@code inboxFile}; the
     * note names the file's size and modification time as they are now, as the hub writes them before it moves the file.
     */
    public static Path halfTaken(IntakeStaging staging, String source, String batchId, Path inboxFile) throws IOException {
        Properties identity = new Properties();
        if (Files.isRegularFile(inboxFile)) {
            identity.setProperty("size", Long.toString(Files.size(inboxFile)));
            identity.setProperty("modified", Files.getLastModifiedTime(inboxFile).toInstant().toString());
        }
        return write(staging, source, batchId, inboxFile, identity);
    }

    /** The same folder as the hub's version before 2026-12 left it: its note says nothing of the file's size or time. */
    public static Path halfTakenByAnEarlierVersion(IntakeStaging staging, String source, String batchId, Path inboxFile)
            throws IOException {
        return write(staging, source, batchId, inboxFile, new Properties());
    }

    private static Path write(IntakeStaging staging, String source, String batchId, Path inboxFile, Properties identity)
            throws IOException {
        Path folder = Files.createDirectories(staging.takenRoot(source).resolve(batchId));
        Files.createFile(folder.resolve(".transport-" + Transport.SFTP.name()));
        Properties note = new Properties();
        note.setProperty("source", source);
        note.setProperty("name", inboxFile.getFileName().toString());
        note.setProperty("transport", Transport.SFTP.name());
        note.setProperty("receivedAt", "2026-11-28T00:30+08:00");
        note.setProperty("file", inboxFile.getFileName().toString());
        note.setProperty("from", inboxFile.toAbsolutePath().toString());
        note.putAll(identity);
        try (Writer out = Files.newBufferedWriter(folder.resolve(".meta.properties"), StandardCharsets.UTF_8)) {
            note.store(out, null);
        }
        return folder;
    }
}
