package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.storage.DiskFloor;

/**
 * The drop-box's limits on uploads: how many files a source may open for writing within any hour, and
 * how large one file may grow; and none while the data disk is below its {@link DiskFloor}. Refusals reach the client as
 * {@link DropBoxRefusal}s and are logged at WARN (the disk's at ERROR, as a write it refuses).
 */
final class UploadLimits {

    private static final Logger log = LoggerFactory.getLogger(UploadLimits.class);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long MEGABYTE = 1024L * 1024;

    private final DropBoxLimits limits;
    private final Clock clock;
    private final DiskFloor diskFloor;
    private final Map<String, Deque<Instant>> recentUploads = new ConcurrentHashMap<>();

    UploadLimits(DropBoxLimits limits, Clock clock, DiskFloor diskFloor) {
        this.limits = limits;
        this.clock = clock;
        this.diskFloor = diskFloor;
    }

    /**
     * Counts a file opened for writing: once per upload handle ({@link UploadCounter}).
     *
     * @throws DropBoxRefusalException {@link DropBoxRefusal#TOO_MANY_UPLOADS} when the source has opened
     *                                 {@code maxFilesPerHour} files within the last hour; {@link DropBoxRefusal#WRITE_FAILED}
     *                                 when the data disk is below its {@link DiskFloor} (not counted)
     */
    void countUpload(String sourceId, Path file) throws DropBoxRefusalException {
        if (diskFloor.reached()) {
            log.error("SFTP upload refused: source={} file={}: the data disk has {} bytes free, below hub.intake.min-disk-free "
                    + "({} bytes)", sourceId, file.getFileName(), diskFloor.usableBytes(), diskFloor.minFreeBytes());
            throw DropBoxRefusal.WRITE_FAILED.refuse();
        }
        if (tryCount(sourceId).isPresent()) {
            log.warn("SFTP upload refused: source={} has opened {} files within the last hour (limit) file={}", sourceId,
                    limits.maxFilesPerHour(), file.getFileName());
            throw DropBoxRefusal.TOO_MANY_UPLOADS.refuse(limits.maxFilesPerHour());
        }
    }

    /**
     * Counts one upload of the source, over SFTP or HTTP alike (one count per source, so that a sender cannot double its
     * hourly files by using both).
     *
     * @return empty when counted; when the source has reached {@code maxFilesPerHour} within the last hour, nothing is
     *         counted and the answer is how long until the window lets its next file in: until the upload that then
     *         falls out of the hour does (a script told only "later" does not know when to try again)
     */
    Optional<Duration> tryCount(String sourceId) {
        Deque<Instant> recent = recentUploads.computeIfAbsent(sourceId, s -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (recent) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(HOUR))) {
                recent.removeFirst();
            }
            if (recent.size() >= limits.maxFilesPerHour()) {
                Iterator<Instant> oldestFirst = recent.iterator();
                for (int i = limits.maxFilesPerHour(); i < recent.size(); i++) {
                    oldestFirst.next();
                }
                return Optional.of(Duration.between(now, oldestFirst.next().plus(HOUR)));
            }
            recent.addLast(now);
            return Optional.empty();
        }
    }

    /**
     * Takes back the source's newest count: an upload counted by {@link #tryCount} that the hub then failed to store is
     * not one of the sender's files, and its retry must not be refused for it. Another upload of the source counted in
     * between may be taken back instead; the count is the same, its hour ends a moment earlier or later.
     */
    void uncount(String sourceId) {
        Deque<Instant> recent = recentUploads.get(sourceId);
        if (recent != null) {
            synchronized (recent) {
                recent.pollLast();
            }
        }
    }

    /** Whole megabytes as a clerk reads them ("200 MB"); a limit that is not a whole number of them in bytes. */
    static String readable(long bytes) {
        return bytes % MEGABYTE == 0 ? bytes / MEGABYTE + " MB" : bytes + "字节";
    }

    /** The channel an upload writes through: refuses any write that would make the file larger than allowed. */
    SeekableByteChannel limitSize(SeekableByteChannel channel, String sourceId, Path localFile) {
        return new SizeLimitedChannel(channel, sourceId, localFile);
    }

    /**
     * Once a write was refused for the size the upload is incomplete for good: closing it removes the partial file, so
     * neither the close nor a later rename can present it as a complete upload. A write the disk refuses is answered in
     * the sender's words too, and the handle is never reported ({@link UploadCompletionDetector}).
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
                throw DropBoxRefusal.FILE_TOO_LARGE.refuse(readable(limits.maxFileSize()));
            }
            try {
                return delegate.write(src);
            } catch (IOException e) {
                log.error("SFTP upload of source={} file={}: the write failed", sourceId, localFile.getFileName(), e);
                DropBoxRefusalException refusal = DropBoxRefusal.WRITE_FAILED.refuse();
                refusal.initCause(e);
                throw refusal;
            }
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
