package org.tracehub.routes.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.batch.BatchReceiptDue;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.routes.intake.FileNames;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.platform.storage.DiskSync;
import org.tracehub.platform.storage.HubStorage;

/**
 * Writes a batch's receipt into its source's outbox: {@code <original name>.receipt.csv} in the
 * source's encoding and {@code .receipt.xml} ({@link OutboxReceipts}: a receipt of an older batch of
 * the same name is kept under its batch id, never overwritten). Each file appears atomically (written aside, then
 * renamed), so a sender polling the outbox never reads half a receipt. Each delivery is recorded on the
 * batch (status and attempt the receipt shows), so that a receipt lost after the last retry is found
 * and delivered again.
 */
@Component
public class ReceiptDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReceiptDelivery.class);
    private static final String DEFAULT_ENCODING = "GB18030";
    private static final int PER_SWEEP = 500;

    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final BatchAttempts attempts;
    private final SpecCatalog catalog;
    private final HubStorage storage;
    private final Clock clock;
    private final Duration after;
    private final Duration lookback;
    private final AdvisoryLocks locks;
    private final Object[] nameLocks = newLocks(64);

    public ReceiptDelivery(BatchRepository batches, BatchErrorRepository errors, BatchAttempts attempts, SpecCatalog catalog,
                           HubStorage storage, Clock clock, AdvisoryLocks locks,
                           @Value("${hub.routes.receipt-redelivery-after:10m}") Duration after,
                           @Value("${hub.routes.receipt-redelivery-lookback:7d}") Duration lookback) {
        this.batches = batches;
        this.errors = errors;
        this.attempts = attempts;
        this.catalog = catalog;
        this.storage = storage;
        this.clock = clock;
        this.locks = locks;
        this.after = after;
        this.lookback = lookback;
    }

    public Path deliver(@Header(IntakeHeaders.BATCH_ID) String batchId) throws IOException {
        Batch batch = batches.findById(batchId).orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        try (BatchLogContext ignored = BatchLogContext.open(batchId, batch.sourceId())) {
            return deliver(batch);
        }
    }

    /** Delivers the receipt; a delivery that fails is recorded on the batch (when, and why) before it is passed on. */
    private Path deliver(Batch seen) throws IOException {
        try {
            return deliverUnderLocks(seen);
        } catch (IOException | RuntimeException e) {
            log.warn("the receipt of batch {} (source {}) could not be delivered: {}", seen.id(), seen.sourceId(), e.toString());
            try {
                batches.markReceiptFailed(seen.id(), e.toString());
            } catch (RuntimeException notRecorded) {
                e.addSuppressed(notRecorded);
            }
            throw e;
        }
    }

    /**
     * Writes the receipt of the batch as it is when the file name's lock is taken, and records it before the lock is
     * released: two deliveries of one batch (the completed topic's and the redelivery sweep's) each write what they
     * read last, so a receipt of an earlier status (STAGED) never lands over a later one (LOADED) while the batch
     * records the later one as delivered. The lock is this process's and, among nodes sharing a PostgreSQL database and
     * an outbox, the database's ({@link #nameLockKey}): two nodes delivering two batches of one name at once would each
     * read the plain name's owner, move files aside and write, and could leave the plain name to the older batch, or the
     * CSV of one batch beside the XML of the other, while both count as delivered. The database's lock is taken in the
     * transaction that reads the batch and records the delivery, and released by its commit: one delivery holds one
     * pooled connection, so a burst of deliveries as large as the pool does not wait out the pool for second ones.
     */
    private Path deliverUnderLocks(Batch seen) throws IOException {
        String batchId = seen.id();
        Path outbox = storage.outbox(seen.sourceId());
        Files.createDirectories(outbox);
        // source and file name never change: the lock, outbox and charset may be found from any reading of the batch
        String storedName = FileNames.sanitize(seen.fileName());
        OutboxReceipts receipts = new OutboxReceipts(outbox, storedName);
        Charset charset = Charset.forName(catalog.source(seen.sourceId()).map(s -> s.receiptEncoding()).orElse(DEFAULT_ENCODING));
        Delivered delivered;
        // this process's lock first: a node's deliveries of one name queue here, not each on a database connection
        synchronized (lockFor(receipts.plain().csv())) {
            delivered = locks.inTransactionHolding(nameLockKey(seen.sourceId(), storedName), () -> {
                Batch batch = batches.findById(batchId).orElse(seen);
                Receipt receipt = Receipt.of(batch, errors, attempts, clock);
                OutboxReceipts.ReceiptFiles target = receipts.targetFor(batch, batches::findById);
                writeAtomically(target.xml(), out -> new ReceiptXmlWriter().write(receipt, out));
                writeAtomically(target.csv(), out -> new ReceiptCsvWriter().write(receipt, charset, out));
                // on the disk before it counts as delivered: the redelivery sweep never looks at a delivered receipt again
                DiskSync.folder(outbox);
                batches.markReceiptDelivered(batchId, batch.status(), batch.attempt());
                return new Delivered(batch, target);
            });
        }
        Batch batch = delivered.batch();
        log.info("receipt batch={} status={} rejected={} warned={} → {}", batchId, batch.status(), batch.rowsRejected(), batch.rowsWarned(),
                delivered.target().csv());
        return delivered.target().csv();
    }

    /** The cross-node lock of one outbox name: the source's, and the received file's name as stored. */
    static long nameLockKey(String sourceId, String storedName) {
        return AdvisoryLocks.key("receipt:" + sourceId + "/" + storedName);
    }

    private record Delivered(Batch batch, OutboxReceipts.ReceiptFiles target) {
    }

    /** Two deliveries for one file name (the same export sent twice in a row) decide in turn who keeps the plain name. */
    private Object lockFor(Path plainCsv) {
        return nameLocks[Math.floorMod(plainCsv.hashCode(), nameLocks.length)];
    }

    private static Object[] newLocks(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    private interface Body {
        void write(OutputStream out) throws IOException, XMLStreamException;
    }

    /**
     * Batches whose receipt for their current status is missing although they reached it more than
     * {@code hub.routes.receipt-redelivery-after} ago (and less than {@code hub.routes.receipt-redelivery-lookback}):
     * the delivery failed after its last retry, or the hub was down when the job reported them. The sources take turns
     * ({@link BatchRepository#findReceiptsDue}).
     */
    public List<BatchReceiptDue> overdue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return batches.findReceiptsDue(now.minus(lookback), now.minus(after), PER_SWEEP);
    }

    /** How many receipts of each source are overdue as {@link #overdue} finds them, all of them: for a meter. */
    public Map<String, Long> overdueBySource() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return batches.countReceiptsDue(now.minus(lookback), now.minus(after));
    }

    // A temporary name of its own per write: two deliveries of the same receipt never write into one file. The XML
    // writer's failure is the file's like any other (an IOException), so the delivery under its lock throws one kind.
    private static void writeAtomically(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            } catch (XMLStreamException e) {
                throw new IOException("the receipt " + target.getFileName() + " could not be written: " + e.getMessage(), e);
            }
            DiskSync.file(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
