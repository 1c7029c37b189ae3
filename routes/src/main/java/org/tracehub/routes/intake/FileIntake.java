package org.tracehub.routes.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Takes one complete file: archives it unchanged, records its batch and decides what it is
 * (RECEIVED for import, or DUPLICATE / UNKNOWN_SOURCE / EMPTY). The original leaves the inbox only
 * once the archive copy is verified and the batch is recorded; until then it stays and is retried.
 */
@Component
public class FileIntake {

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

    private final HubStorage storage;
    private final Archiver archiver;
    private final BatchRepository batches;
    private final SpecCatalog catalog;
    private final Clock clock;

    public FileIntake(HubStorage storage, Archiver archiver, BatchRepository batches, SpecCatalog catalog, Clock clock) {
        this.storage = storage;
        this.archiver = archiver;
        this.batches = batches;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Returns null when the file is gone (already taken by an earlier report of the same upload). */
    public IntakeOutcome receive(@Header(IntakeHeaders.SOURCE_ID) String sourceId,
                                 @Header(IntakeHeaders.FILE_PATH) String filePath,
                                 @Header(IntakeHeaders.TRANSPORT) String transport) throws IOException {
        Path file = Path.of(filePath);
        if (!Files.isRegularFile(file)) {
            log.debug("{} is no longer there; an earlier report took it", file);
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = BatchIds.next(now);
        String originalName = file.getFileName().toString();
        String storedName = FileNames.sanitize(originalName);
        Path folder = storage.archiveFolder(now, batchId);
        Archiver.Archived archived = archiver.archive(file, storage.dataDir().resolve(folder), storedName);
        NewBatch batch = new NewBatch(batchId, sourceId, originalName, storedName, folder.resolve(storedName).toString(),
                archived.size(), archived.sha256(), Transport.valueOf(transport), now);

        IntakeOutcome outcome;
        var spec = catalog.source(sourceId);
        if (archived.size() == 0) {
            batches.insertTerminal(batch, BatchStatus.EMPTY, null, ErrorCodes.FILE_EMPTY, "文件为空（0字节），请检查导出是否完整");
            outcome = new IntakeOutcome(batchId, BatchStatus.EMPTY);
        } else if (spec.isEmpty() || spec.get().fileSpecFor(originalName).isEmpty()) {
            String allowed = spec.map(s -> String.join("、", s.acceptedPatterns())).orElse("（该来源尚未配置映射）");
            batches.insertTerminal(batch, BatchStatus.UNKNOWN_SOURCE, null, ErrorCodes.FILE_UNKNOWN,
                    "无法识别的文件名“" + originalName + "”，本来源可发送的文件名为：" + allowed);
            outcome = new IntakeOutcome(batchId, BatchStatus.UNKNOWN_SOURCE);
        } else {
            var original = batches.insertReceived(batch);
            if (original.isPresent()) {
                Batch first = original.get();
                batches.insertTerminal(batch, BatchStatus.DUPLICATE, first.id(), ErrorCodes.FILE_DUPLICATE,
                        "重复文件：与批次" + first.id() + "（" + first.fileName() + "，" + first.receivedAt().toLocalDate() + "接收）内容完全相同，未再次处理");
                outcome = new IntakeOutcome(batchId, BatchStatus.DUPLICATE);
            } else {
                outcome = new IntakeOutcome(batchId, BatchStatus.RECEIVED);
            }
        }
        Files.delete(file);
        log.info("intake source={} file={} size={} sha256={} batch={} status={}", sourceId, originalName, archived.size(),
                archived.sha256(), batchId, outcome.status());
        return outcome;
    }
}
