package org.tracehub.hub.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.Transport;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.intake.IntakeStaging;
import org.tracehub.routes.intake.TakenFile;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * {@code POST /api/sources/{id}/files}: the upload for senders without SFTP. The file (multipart part
 * {@code file}) is taken like an SFTP upload and goes through the same intake, called synchronously so
 * that the answer carries the batch id: 202 for RECEIVED (the import follows, the receipt arrives in the
 * source's outbox), 200 for a file that ended at intake (DUPLICATE, UNKNOWN_SOURCE, EMPTY). The size limit
 * is the drop-box's ({@code hub.sftp.max-file-size}); beyond it the answer is a 413 problem. So is the files-per-hour
 * limit ({@code hub.sftp.max-files-per-hour}), in one count with the source's SFTP uploads: beyond it a 429 problem
 * {@code TOO_MANY_UPLOADS} with {@code Retry-After} (the seconds until the hour lets the next file in), and the file is
 * not archived. A file name with a control character is a 400 problem {@code FILE_NAME_INVALID}, before the hour counts
 * it. A file the hub cannot store (its disk full) is a 503 problem {@code WRITE_FAILED}, the drop-box's code for the same,
 * with {@code Retry-After}, and does not count against the hour; so is one sent while the data disk is below
 * {@code hub.intake.min-disk-free} ({@link DiskFloor}), before it is staged.
 */
@RestController
public class SourceUploadController {

    public static final String INTAKE_UNAVAILABLE = "INTAKE_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(SourceUploadController.class);

    /** Longer names exist on no file system a sender exports from. */
    private static final int MAX_NAME_CHARS = 255;

    /** What intake made of the upload. */
    public record UploadResult(String batchId, String status, String statusText, String fileName) {
    }

    private final SourceController sources;
    private final IntakeStaging staging;
    private final ProducerTemplate producer;
    private final BatchRepository batches;
    private final long maxFileSize;
    private final String tooLargeReason;
    private final int maxFilesPerHour;
    private final DropBoxLifecycle dropBox;
    private final DiskFloor diskFloor;

    public SourceUploadController(SourceController sources, IntakeStaging staging, ProducerTemplate producer, BatchRepository batches,
                                  DropBoxProperties dropBoxProperties, DropBoxLifecycle dropBox, DiskFloor diskFloor) {
        this.sources = sources;
        this.staging = staging;
        this.producer = producer;
        this.batches = batches;
        this.maxFileSize = dropBoxProperties.getMaxFileSize().toBytes();
        this.tooLargeReason = dropBoxProperties.limits().fileTooLargeReason();
        this.maxFilesPerHour = dropBoxProperties.getMaxFilesPerHour();
        this.dropBox = dropBox;
        this.diskFloor = diskFloor;
    }

    @PostMapping(path = "/api/sources/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<UploadResult> upload(@PathVariable String id, @RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (sources.find(id).isEmpty()) {
            throw SourceController.notFound(id);
        }
        if (file == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.FILE_MISSING, "请求中没有文件（multipart 字段名应为 file）");
        }
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.FILE_MISSING, "文件名缺失或超过" + MAX_NAME_CHARS + "个字符");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.FILE_NAME_INVALID,
                    "文件名含有控制字符（如空字符、换行或制表符），未接收，请改名后重新上传");
        }
        if (file.getSize() > maxFileSize) {
            throw tooLarge();
        }
        if (diskFloor.reached()) {
            log.error("HTTP upload of source={} file={} refused with 503 {}: the data disk has {} bytes free, below "
                    + "hub.intake.min-disk-free ({} bytes)", id, name, ApiErrorCodes.WRITE_FAILED, diskFloor.usableBytes(),
                    diskFloor.minFreeBytes());
            throw new WriteFailed();
        }
        // counted as SFTP counts an upload, before anything is written: a refused one leaves nothing behind
        Optional<Duration> untilNextFile = dropBox.server().countUpload(id);
        if (untilNextFile.isPresent()) {
            TooManyUploads refused = new TooManyUploads(maxFilesPerHour, untilNextFile.get());
            log.warn("HTTP upload refused: source={} has uploaded {} files within the last hour (limit), the next one in {} s, "
                    + "file={}", id, maxFilesPerHour, refused.retryAfterSeconds, name);
            throw refused;
        }
        TakenFile taken;
        try (InputStream in = file.getInputStream()) {
            taken = staging.stage(id, name, Transport.HTTP, in);
        } catch (IOException | UncheckedIOException e) {
            // the hub's disk, not the sender: the drop-box's refusal for it (WRITE_FAILED), and no file of the hour spent
            dropBox.server().uncountUpload(id);
            log.error("HTTP upload of source={} file={} cannot be stored, refused with 503 {}: {}", id, name,
                    ApiErrorCodes.WRITE_FAILED, e.toString());
            throw new WriteFailed();
        }
        Exchange reply = producer.request(IntakeEndpoints.INTAKE, exchange -> {
            exchange.getMessage().setHeader(IntakeHeaders.SOURCE_ID, id);
            exchange.getMessage().setHeader(IntakeHeaders.BATCH_ID, taken.batchId());
            exchange.getMessage().setHeader(IntakeHeaders.TRANSPORT, Transport.HTTP.name());
        });
        BatchStatus status = Optional.ofNullable(reply.getMessage().getHeader(IntakeHeaders.BATCH_STATUS, BatchStatus.class))
                .or(() -> batches.findById(taken.batchId()).map(Batch::status))
                .orElseThrow(() -> unavailable(taken.batchId()));
        UploadResult result = new UploadResult(taken.batchId(), status.name(), status.chinese(), name);
        return ResponseEntity.status(status == BatchStatus.RECEIVED ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/batches/" + taken.batchId())).body(result);
    }

    /** The servlet container refused the part while reading it ({@code spring.servlet.multipart.max-file-size}). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return new ApiProblems().handle(tooLarge());
    }

    /** With {@code Retry-After}: a script told only 429 does not know when to send its next file. */
    @ExceptionHandler(TooManyUploads.class)
    public ResponseEntity<ProblemDetail> tooManyUploads(TooManyUploads e) {
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds))
                .body(new ApiProblems().handle(e));
    }

    /** With {@code Retry-After}: the hub cannot store files right now (a full disk); the sender sends it again later. */
    @ExceptionHandler(WriteFailed.class)
    public ResponseEntity<ProblemDetail> writeFailed(WriteFailed e) {
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, String.valueOf(WriteFailed.RETRY_AFTER_SECONDS))
                .body(new ApiProblems().handle(e));
    }

    /** The drop-box's WRITE_FAILED and its words: one condition, one code, whichever way the file came. */
    static final class WriteFailed extends ApiException {

        /** A disk that filled up is rarely freed within seconds; a script retrying every second only adds load. */
        static final long RETRY_AFTER_SECONDS = 60;

        WriteFailed() {
            super(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCodes.WRITE_FAILED, "平台暂时无法写入该文件，未接收，请稍后重新上传");
        }
    }

    /** The hourly count is full until the upload that then falls out of the hour ({@code wait}). */
    static final class TooManyUploads extends ApiException {

        private final long retryAfterSeconds;

        // whole seconds and minutes rounded up: a retry a moment early would be refused again
        TooManyUploads(int maxFilesPerHour, Duration wait) {
            this(maxFilesPerHour, Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0)));
        }

        private TooManyUploads(int maxFilesPerHour, long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, ApiErrorCodes.TOO_MANY_UPLOADS, "一小时内上传文件数已达上限（" + maxFilesPerHour
                    + "个），请" + (retryAfterSeconds + 59) / 60 + "分钟后再传");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCodes.FILE_TOO_LARGE, tooLargeReason);
    }

    // The file is kept: the intake sweep takes it in later under this batch id.
    private static ApiException unavailable(String batchId) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, INTAKE_UNAVAILABLE,
                "文件已收到但暂时无法登记，平台将自动重试（批次号" + batchId + "），请勿重复发送");
    }
}
