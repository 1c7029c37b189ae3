package org.tracehub.routes.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.DurableCommits;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Takes one complete file in: archives it unchanged, records its batch and decides what it is
 * (RECEIVED for import, or DUPLICATE / UNKNOWN_SOURCE / EMPTY). The file leaves its taken folder
 * only once the archive copy is verified and the batch is recorded; until then it stays and is
 * retried, always under the same batch id, so that a retry reuses its own archive folder and
 * recognises its own batch row instead of becoming a duplicate of itself. Below the data disk's floor
 * ({@code hub.intake.min-disk-free}) no archive copy is begun: the file stays taken until space is back.
 */
@Component
public class FileIntake {

    /** Why a 0-byte file is refused (FILE_EMPTY): the CLI's convert says the same of such a file. */
    public static final String EMPTY_FILE_TEXT = "文件为空（0字节），请检查导出是否完整";

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);
    private static final int MAX_NAME_CHARS = 1024; // batch.file_name

    private final HubStorage storage;
    private final IntakeStaging staging;
    private final Archiver archiver;
    private final IdenticalArchives identical;
    private final DurableCommits commits;
    private final BatchRepository batches;
    private final SpecCatalog catalog;
    private final DiskFloor diskFloor;
    private final ArchiveRestore archiveRestore;

    public FileIntake(HubStorage storage, IntakeStaging staging, Archiver archiver, IdenticalArchives identical,
                      BatchRepository batches, SpecCatalog catalog, DurableCommits commits, DiskFloor diskFloor,
                      ArchiveRestore archiveRestore) {
        this.storage = storage;
        this.diskFloor = diskFloor;
        this.archiveRestore = archiveRestore;
        this.staging = staging;
        this.archiver = archiver;
        this.identical = identical;
        this.batches = batches;
        this.catalog = catalog;
        this.commits = commits;
    }

    /**
     * The taken file this exchange works on: the batch named by {@link IntakeHeaders#BATCH_ID} (a
     * transport or the sweep took it already), or else the file at {@link IntakeHeaders#FILE_PATH},
     * taken now. Claims it until the exchange completes, and names it in {@link IntakeHeaders#TAKEN_FILE} for the error
     * log: the drop-box, the HTTP upload, a pull and the sweep send only its batch id.
     *
     * @return null when there is nothing to do: the file is gone (an earlier report took it), or
     * another exchange is working on the same batch
     */
    public TakenFile resolve(@Header(IntakeHeaders.SOURCE_ID) String sourceId,
                             @Header(IntakeHeaders.BATCH_ID) String batchId,
                             @Header(IntakeHeaders.FILE_PATH) String filePath,
                             @Header(IntakeHeaders.FILE_NAME) String fileName,
                             @Header(IntakeHeaders.TRANSPORT) String transport,
                             Exchange exchange) throws IOException {
        Optional<TakenFile> taken;
        if (batchId != null) {
            taken = staging.find(sourceId, batchId);
        } else {
            exchange.getMessage().setHeader(IntakeHeaders.TAKEN_FILE, filePath); // if taking it fails
            Path file = Path.of(filePath);
            taken = staging.take(sourceId, file, fileName != null ? fileName : file.getFileName().toString(), Transport.valueOf(transport));
        }
        if (taken.isEmpty()) {
            log.debug("nothing to take for source={} batch={} file={}: an earlier report took it", sourceId, batchId, filePath);
            return null;
        }
        String id = taken.get().batchId();
        if (!staging.claim(id)) {
            log.debug("batch {} is being taken in by another exchange", id);
            return null;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                staging.unclaim(id);
            }
        });
        exchange.getMessage().setHeader(IntakeHeaders.BATCH_ID, id);
        exchange.getMessage().setHeader(IntakeHeaders.TAKEN_FILE, taken.get().originalName() + " (" + taken.get().file() + ")");
        return taken.get();
    }

    /** Archives, classifies and records a taken file, then removes it from its taken folder. */
    public IntakeOutcome receive(TakenFile taken) throws IOException {
        try (BatchLogContext ignored = BatchLogContext.open(taken.batchId(), taken.sourceId())) {
            return receiveInContext(taken);
        }
    }

    private IntakeOutcome receiveInContext(TakenFile taken) throws IOException {
        Optional<Batch> recorded = batches.findById(taken.batchId());
        if (recorded.isPresent() && !recordsThisFile(recorded.get(), taken)) {
            // another file's batch: two random ids met. Releasing the taken file now would lose it without a word
            return receiveUnderNewId(staging.retake(taken), recorded.get());
        }
        IntakeOutcome outcome;
        if (recorded.isPresent()) {
            // an earlier try archived and recorded it, then failed before the taken file was removed
            outcome = new IntakeOutcome(taken.batchId(), recorded.get().status());
            log.info("intake batch={} was recorded by an earlier try (status {}); finishing it", taken.batchId(), outcome.status());
            // or by a try before a restore that brought the taken file back but not its archive copy: then it is the last one
            archiveRestore.ifLost(recorded.get(), taken);
        } else {
            outcome = archiveAndRecord(taken);
        }
        // the batch row on the disk before the taken file goes: a power cut must leave one of them
        commits.force();
        staging.release(taken);
        return outcome;
    }

    /** Whether a batch row of the taken file's id is this file's, recorded by an earlier try of its intake. */
    private static boolean recordsThisFile(Batch recorded, TakenFile taken) throws IOException {
        if (!Files.isRegularFile(taken.file())) {
            return true; // nothing left to lose: an earlier try released it
        }
        return recorded.sourceId().equals(taken.sourceId()) && Files.size(taken.file()) == recorded.sizeBytes()
                && Archiver.sha256Of(taken.file()).equals(recorded.sha256());
    }

    private IntakeOutcome receiveUnderNewId(TakenFile fresh, Batch other) throws IOException {
        log.error("intake batch id {} is already source {}'s file {}; {} of source {} is taken in as batch {} instead", other.id(),
                other.sourceId(), other.fileName(), fresh.originalName(), fresh.sourceId(), fresh.batchId());
        if (!staging.claim(fresh.batchId())) {
            throw new IllegalStateException("batch " + fresh.batchId() + " is claimed by another exchange");
        }
        try (BatchLogContext ignored = BatchLogContext.open(fresh.batchId(), fresh.sourceId())) {
            return receiveInContext(fresh);
        } finally {
            staging.unclaim(fresh.batchId());
        }
    }

    private IntakeOutcome archiveAndRecord(TakenFile taken) throws IOException {
        String batchId = taken.batchId();
        String sourceId = taken.sourceId();
        String originalName = taken.originalName().length() > MAX_NAME_CHARS
                ? taken.originalName().substring(0, MAX_NAME_CHARS) : taken.originalName();
        String storedName = FileNames.sanitize(originalName);
        Path folder = storage.archiveFolder(taken.receivedAt(), batchId);
        // not below the data disk's floor: a copy written until the disk is full closes H2 and blocks the broker, and the
        // sweep would write it again every few minutes. The taken file stays where it is; the sweep hands it back, and
        // once space is back it is archived like any other (a repeat's copy becomes a link afterwards, so it needs the room too)
        diskFloor.check("the archive copy of " + originalName + " (batch " + batchId + ")", Files.size(taken.file()));
        // the same folder on every try of this batch: a copy left by a failed try is replaced, never duplicated; content the
        // source sent before (a DUPLICATE, a re-sent UNKNOWN_SOURCE) is a link to that copy, not another copy of its bytes
        Archiver.Archived archived = archiver.archive(taken.file(), storage.dataDir().resolve(folder), storedName,
                (sha256, size) -> identical.of(sourceId, sha256, size));
        NewBatch batch = new NewBatch(batchId, sourceId, originalName, storedName, folder.resolve(storedName).toString(),
                archived.size(), archived.sha256(), taken.transport(), taken.receivedAt());

        BatchStatus status;
        var spec = catalog.source(sourceId);
        if (archived.size() == 0) {
            batches.insertTerminal(batch, BatchStatus.EMPTY, null, ErrorCodes.FILE_EMPTY, EMPTY_FILE_TEXT);
            status = BatchStatus.EMPTY;
        } else if (spec.isEmpty() || spec.get().fileSpecFor(originalName).isEmpty()) {
            String allowed = spec.map(s -> String.join("、", s.acceptedPatterns())).orElse("（该来源尚未配置映射）");
            batches.insertTerminal(batch, BatchStatus.UNKNOWN_SOURCE, null, ErrorCodes.FILE_UNKNOWN,
                    "无法识别的文件名“" + originalName + "”，本来源可发送的文件名为：" + allowed);
            status = BatchStatus.UNKNOWN_SOURCE;
        } else {
            Optional<Batch> original = batches.insertReceived(batch);
            if (original.isPresent()) {
                Batch first = original.get();
                batches.insertTerminal(batch, BatchStatus.DUPLICATE, first.id(), ErrorCodes.FILE_DUPLICATE,
                        "重复文件：与批次" + first.id() + "（" + first.fileName() + "，" + first.receivedAt().toLocalDate() + "接收）内容完全相同，未再次处理");
                status = BatchStatus.DUPLICATE;
            } else {
                status = BatchStatus.RECEIVED;
            }
        }
        log.info("intake source={} file={} size={} sha256={} batch={} status={} transport={}", sourceId, originalName, archived.size(),
                archived.sha256(), batchId, status, taken.transport());
        return new IntakeOutcome(batchId, status);
    }
}
