package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-box's limits on uploads: how many files a source may open for writing within any hour, and
 * how large one file may grow. Refusals reach the client as SFTP errors and are logged at WARN.
 */
final class UploadLimits {

    private static final Logger log = LoggerFactory.getLogger(UploadLimits.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final DropBoxLimits limits;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recentUploads = new ConcurrentHashMap<>();

    UploadLimits(DropBoxLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Counts a file opened for writing.
     *
     * @throws AccessDeniedException when the source has opened {@code maxFilesPerHour} files within the last hour
     */
    void countUpload(String sourceId, Path file) throws AccessDeniedException {
        Deque<Instant> recent = recentUploads.computeIfAbsent(sourceId, s -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (recent) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(HOUR))) {
                recent.removeFirst();
            }
            if (recent.size() >= limits.maxFilesPerHour()) {
                log.warn("SFTP upload refused: source={} has opened {} files within the last hour (limit) file={}", sourceId,
                        recent.size(), file.getFileName());
                throw new AccessDeniedException(file.toString(), null,
                        "More than " + limits.maxFilesPerHour() + " uploads within an hour");
            }
            recent.addLast(now);
        }
    }

    /** The channel an upload writes through: refuses any write that would make the file larger than allowed. */
    SeekableByteChannel limitSize(SeekableByteChannel channel, String sourceId, Path localFile) {
        return new SizeLimitedChannel(channel, sourceId, localFile);
    }

    /**
     * Once a write was refused the upload is incomplete for good: closing it removes the partial file, so neither
     * the close nor a later rename can present it as a complete upload.
     */
    private final class SizeLimitedChannel implements SeekableByteChannel {

        private final SeekableByteChannel delegate;
        private final String sourceId;
        private final Path localFile;
        private volatile boolean exceeded;

        SizeLimitedChannel(SeekableByteChannel delegate, String sourceId, Path localFile) {
            this.delegate = delegate;
            this.sourceId = sourceId;
            this.localFile = localFile;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long end = delegate.position() + src.remaining();
            if (exceeded || end > limits.maxFileSize()) {
                if (!exceeded) {
                    log.warn("SFTP upload refused: source={} file={} grows beyond {} bytes", sourceId, localFile.getFileName(),
                            limits.maxFileSize());
                }
                exceeded = true;
                throw new SftpException(SftpConstants.SSH_FX_FAILURE, "File larger than the drop-box accepts ("
                        + limits.maxFileSize() + " bytes)");
            }
            return delegate.write(src);
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                delegate.close();
            } finally {
                if (exceeded) {
                    Files.deleteIfExists(localFile);
                }
            }
        }
    }
}
