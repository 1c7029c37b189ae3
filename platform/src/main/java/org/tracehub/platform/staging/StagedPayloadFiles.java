package org.tracehub.platform.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tracehub.platform.storage.DiskSync;
import org.tracehub.platform.storage.HubStorage;

/**
 * The staged events' XML, kept beside the database: one append-only file per batch attempt,
 * {@code staging/<batchId>/<attempt>.xml} under {@code hub.data-dir}, the events' fragments one after the other in UTF-8.
 * A {@code staged_event} row points at its event's bytes ({@link Slice}: offset, length, CRC-32).
 *
 * <p>Why a file: the XML's bytes are the larger part of what the store writes (bench/README.md, finding 22), and
 * staged in a table they were written into the database's B-tree, read back page by page and deleted again. Appended
 * to a file they are written once, sequentially, and read once.
 *
 * <p>Nothing is rewritten: a chunk that is retried, or converted again after a restart, appends its events again and
 * its new rows point at the new bytes; the bytes no row points at stay until the attempt's file goes. A chunk's bytes
 * are written before the transaction that stages its rows commits, so a committed row never points past the end of its
 * file when the process dies; with {@code hub.staging.force-to-disk} (the postgres profile) they are forced to the disk
 * first ({@link FileChannel#force}), so that holds when the machine does too. Files go only after the transaction that
 * deleted their rows commits ({@link #deleteAfterCommit}).
 */
@Component
public class StagedPayloadFiles {

    private static final Logger log = LoggerFactory.getLogger(StagedPayloadFiles.class);
    private static final String SUFFIX = ".xml";
    /**
     * Bytes per write and, at most, per read: a page's XML (500 events, about 550 KB) in one array would be a humongous
     * allocation for G1 with a small heap (bench/README.md, finding 21).
     */
    private static final int IO_SIZE = 128 * 1024;

    /** Where one event's XML is in its attempt's file, and the CRC-32 of its bytes. */
    public record Slice(long offset, int length, long crc) {
    }

    private final HubStorage storage;
    private final boolean forceToDisk;

    /** For tests and tools: every chunk forced to the disk. */
    public StagedPayloadFiles(HubStorage storage) {
        this(storage, true);
    }

    @Autowired
    public StagedPayloadFiles(HubStorage storage, @Value("${hub.staging.force-to-disk:true}") boolean forceToDisk) {
        this.storage = storage;
        this.forceToDisk = forceToDisk;
    }

    /** The file of one attempt of a batch. */
    public Path file(String batchId, int attempt) {
        return folder(batchId).resolve(attempt + SUFFIX);
    }

    private Path folder(String batchId) {
        return storage.resolve(Path.of("staging", batchId).toString());
    }

    /**
     * Appends the events' XML, UTF-8, to the attempt's file (forced to the disk with {@code hub.staging.force-to-disk}); the
     * slices in the payloads' order.
     */
    public List<Slice> append(String batchId, int attempt, List<byte[]> payloads) {
        Path file = file(batchId, attempt);
        try (FileChannel channel = openForAppend(file)) {
            // one writer per attempt (its convert step): the end of the file is where this chunk goes
            long base = channel.size();
            long next = base;
            List<Slice> slices = new ArrayList<>(payloads.size());
            ByteBuffer buffer = ByteBuffer.allocate(IO_SIZE);
            CRC32 crc = new CRC32();
            for (byte[] encoded : payloads) {
                crc.reset();
                crc.update(encoded);
                slices.add(new Slice(next, encoded.length, crc.getValue()));
                next += encoded.length;
                if (encoded.length > buffer.remaining()) {
                    writeFully(channel, buffer.flip());
                    buffer.clear();
                }
                if (encoded.length > buffer.remaining()) {
                    writeFully(channel, ByteBuffer.wrap(encoded));
                } else {
                    buffer.put(encoded);
                }
            }
            writeFully(channel, buffer.flip());
            if (forceToDisk) {
                channel.force(false);
                if (base == 0) {
                    // a new file's name, and its batch folder's, are on the disk only once the folders holding them are
                    DiskSync.folder(file.getParent());
                    DiskSync.folder(file.getParent().getParent());
                }
            }
            return slices;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the events of batch " + batchId + " attempt " + attempt + " in " + file, e);
        }
    }

    /** Writes at the channel's end (opened by {@link #openForAppend}: the position is at the end already). */
    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }


    /** The folder of a batch goes when its last file does ({@link #delete}): made again if that happened just now. */
    private static FileChannel openForAppend(Path file) throws IOException {
        for (int tries = 1; ; tries++) {
            Files.createDirectories(file.getParent());
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (NoSuchFileException e) {
                if (tries == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The XML of the given slices of an attempt's file, in the slices' order, each checked against its CRC-32. A page's
     * slices lie one after the other in the file (rows are staged in order), so neighbours are read together, up to
     * {@link #IO_SIZE} bytes a read.
     */
    public List<String> read(String batchId, int attempt, List<Slice> slices) {
        if (slices.isEmpty()) {
            return List.of();
        }
        Path file = file(batchId, attempt);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<String> payloads = new ArrayList<>(slices.size());
            CRC32 crc = new CRC32();
            int first = 0;
            while (first < slices.size()) {
                long from = slices.get(first).offset();
                long to = from + slices.get(first).length();
                int end = first + 1;
                while (end < slices.size() && slices.get(end).offset() == to
                        && to + slices.get(end).length() - from <= IO_SIZE) {
                    to += slices.get(end).length();
                    end++;
                }
                byte[] run = readFully(channel, from, Math.toIntExact(to - from), file);
                for (int i = first; i < end; i++) {
                    payloads.add(decode(run, (int) (slices.get(i).offset() - from), slices.get(i), crc, batchId, attempt, file));
                }
                first = end;
            }
            return payloads;
        } catch (NoSuchFileException e) {
            throw new StagedPayloadException("the staged events of batch " + batchId + " attempt " + attempt
                    + " are missing: no file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged events of batch " + batchId + " attempt " + attempt
                    + " from " + file, e);
        }
    }

    private static byte[] readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new StagedPayloadException("the staged file " + file + " ends at " + at + ", before byte "
                        + (position + length) + " that a staged event points at", null);
            }
            at += n;
        }
        return buffer.array();
    }

    private static String decode(byte[] bytes, int from, Slice slice, CRC32 crc, String batchId, int attempt, Path file) {
        crc.reset();
        crc.update(bytes, from, slice.length());
        if (crc.getValue() != slice.crc()) {
            throw new StagedPayloadException("a staged event of batch " + batchId + " attempt " + attempt
                    + " does not match its checksum (" + file + ", bytes " + slice.offset() + "+" + slice.length() + ")", null);
        }
        return new String(bytes, from, slice.length(), StandardCharsets.UTF_8);
    }

    /**
     * Deletes the files of the batch's attempts up to {@code lastAttempt} once the current transaction commits (at once
     * without one). An attempt's number only grows, so those files can never be needed again once their rows are gone; a
     * later attempt's file, written meanwhile, stays.
     */
    public void deleteAfterCommit(String batchId, int lastAttempt) {
        if (lastAttempt < 1) {
            return;
        }
        Runnable delete = () -> delete(batchId, lastAttempt);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete.run();
                }
            });
        } else {
            delete.run();
        }
    }

    private void delete(String batchId, int lastAttempt) {
        Path folder = folder(batchId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path f : files) {
                Integer attempt = attemptOf(f);
                if (attempt != null && attempt <= lastAttempt) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // the rows are gone and committed: a file left behind costs disk space, not correctness
            log.warn("could not delete staged files of batch {} (attempts up to {}) in {}: {}", batchId, lastAttempt, folder,
                    e.toString());
            return;
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
            if (!rest.iterator().hasNext()) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            log.debug("staging folder {} not removed: {}", folder, e.toString());
        }
    }

    private static Integer attemptOf(Path file) {
        String name = file.getFileName().toString();
        String number = name.substring(0, name.length() - SUFFIX.length());
        return number.matches("\\d{1,9}") ? Integer.valueOf(number) : null;
    }
}
