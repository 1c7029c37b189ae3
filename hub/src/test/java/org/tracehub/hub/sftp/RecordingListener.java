package org.tracehub.hub.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every reported upload together with what was on disk at the moment it was reported. */
final class RecordingListener implements UploadCompletedListener {

    record Upload(String sourceId, Path file, byte[] contentWhenReported) {

        String content() {
            return new String(contentWhenReported, StandardCharsets.UTF_8);
        }
    }

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private volatile boolean takingAway;

    /** From now on, refuses every upload as a hub that cannot take it in does (or takes them again). */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** From now on, moves each reported file out of the inbox into {@code .taken/<n>/}, as the hub's intake does. */
    void takeAway(boolean takeAway) {
        takingAway = takeAway;
    }

    @Override
    public void uploadCompleted(String sourceId, Path file) throws UploadNotTakenException {
        if (refusing) {
            throw UploadNotTakenException.storageFailed(new IOException("No space left on device"));
        }
        try {
            uploads.add(new Upload(sourceId, file, Files.readAllBytes(file)));
            if (takingAway) {
                Path taken = Files.createDirectories(file.resolveSibling(".taken").resolve(String.valueOf(uploads.size())));
                Files.move(file, taken.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    List<String> fileNames() {
        return uploads.stream().map(upload -> upload.file().getFileName().toString()).toList();
    }
}
