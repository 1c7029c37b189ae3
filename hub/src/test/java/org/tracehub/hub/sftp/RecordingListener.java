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

    @Override
    public void uploadCompleted(String sourceId, Path file) {
        try {
            uploads.add(new Upload(sourceId, file, Files.readAllBytes(file)));
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
