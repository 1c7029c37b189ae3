package org.tracehub.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.Audited;
import org.tracehub.hub.report.ErrorReportWriter;
import org.tracehub.hub.report.RejectedRowSource;
import org.tracehub.hub.report.ReportHeader;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.routes.receipt.Receipt;

/** The error report of a batch's latest attempt as an XLSX workbook. */
@RestController
@Tag(name = "batches")
public class ErrorReportController {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final BatchLookup batches;
    private final ReportHeader header;
    private final ErrorReportWriter writer;
    private final TransactionTemplate readOnly;
    private final BatchErrorRepository errors;
    private final BatchAttempts attempts;
    private final Clock clock;

    public ErrorReportController(BatchLookup batches, ReportHeader header, RejectedRowSource rows,
                                 PlatformTransactionManager tx, BatchErrorRepository errors, BatchAttempts attempts, Clock clock) {
        this.clock = clock;
        this.batches = batches;
        this.errors = errors;
        this.attempts = attempts;
        this.header = header;
        this.writer = new ErrorReportWriter(rows);
        this.readOnly = new TransactionTemplate(tx);
        this.readOnly.setReadOnly(true);
    }

    @GetMapping("/api/batches/{id}/errors.xlsx")
    @Audited(AuditActions.DOWNLOAD_ERROR_REPORT)
    @Operation(summary = "错误报告（XLSX）", description = "One row per rejected row of the latest attempt: row number, the raw "
            + "cells under the file's header names, then every problem (column, field, severity, code, message). "
            + "Every cell is text; nothing is evaluated as a formula. A report wider than Excel's 16,384 columns keeps the "
            + "problems and the raw cells that fit, and says so in its last title. Sheet 批次 says what the batch is and, as its "
            + "receipt does, why it failed (原因) and what of it the store holds while this attempt is not loaded (库中数据).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX))
    @ApiResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "ARCHIVE_PURGED: the row problems went with the original at the end of its "
            + "retention", content = @Content(mediaType = "application/problem+json"))
    public void errorReport(@PathVariable String id, HttpServletResponse response) throws IOException {
        Batch batch = batches.find(id);
        // an empty report would say the batch had no problems; its counts say otherwise
        Optional<OffsetDateTime> purged = attempts.archivePurgedAt(id);
        if (purged.isPresent()) {
            throw new ApiException(HttpStatus.GONE, ApiErrorCodes.ARCHIVE_PURGED, "批次" + id + "的原始文件及问题行明细已超过保存期限，于"
                    + purged.get().toLocalDate() + "清除，无法生成错误报告");
        }
        List<String> names = header.of(batch);
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(batch.fileName() + ".错误报告.xlsx", StandardCharsets.UTF_8).build().toString());
        try (OutputStream out = response.getOutputStream()) {
            // one read-only transaction: the report's page queries on one connection
            readOnly.executeWithoutResult(status -> {
                try {
                    // the receipt's summary: why the batch failed, what of it the store holds
                    writer.write(Receipt.of(batch, errors, attempts, clock), names, out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

}
