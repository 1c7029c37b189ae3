package org.tracehub.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.Audited;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.storage.HubStorage;

/**
 * The file of a batch exactly as it was received, from the immutable archive. Always sent as an
 * attachment of type application/octet-stream, so a browser never renders what a sender uploaded.
 */
@RestController
@Tag(name = "batches")
public class OriginalFileController {

    private final BatchLookup batches;
    private final HubStorage storage;

    private final BatchAttempts attempts;

    public OriginalFileController(BatchLookup batches, HubStorage storage, BatchAttempts attempts) {
        this.batches = batches;
        this.storage = storage;
        this.attempts = attempts;
    }

    @GetMapping("/api/batches/{id}/original")
    @Audited(AuditActions.DOWNLOAD_ORIGINAL)
    @Operation(summary = "原始文件", description = "The bytes as received; Repr-Digest carries their SHA-256 (RFC 9530).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
    @ApiResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "ARCHIVE_PURGED", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "500", description = "ORIGINAL_MISSING", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "BATCH_BUSY", content = @Content(mediaType = "application/problem+json"))
    public ResponseEntity<Resource> original(@PathVariable String id) {
        Batch batch = batches.find(id);
        Optional<OffsetDateTime> purged = attempts.archivePurgedAt(id);
        if (purged.isPresent()) {
            throw purged(id, purged.get());
        }
        Path file = storage.resolve(batch.archivePath());
        if (!Files.isRegularFile(file)) {
            // an archive purge deletes the folder before it commits the batch's mark: what the purge decided, once it has
            Optional<OffsetDateTime> settled;
            try {
                settled = attempts.archivePurgedAtOnceSettled(id);
            } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCodes.BATCH_BUSY,
                        "批次" + id + "正在清理过期数据，请稍后再试");
            }
            if (settled.isPresent()) {
                throw purged(id, settled.get());
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ApiErrorCodes.ORIGINAL_MISSING,
                    "批次" + id + "的归档文件缺失，请联系管理员");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(batch.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(batch.sha256())) + ":")
                .eTag("\"" + batch.sha256() + "\"")
                .body(new FileSystemResource(file));
    }

    private static ApiException purged(String id, OffsetDateTime at) {
        return new ApiException(HttpStatus.GONE, ApiErrorCodes.ARCHIVE_PURGED, "批次" + id + "的原始文件已超过保存期限，于"
                + at.toLocalDate() + "清除");
    }
}
