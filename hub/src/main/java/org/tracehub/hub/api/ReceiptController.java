package org.tracehub.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.Audited;

/**
 * A batch's receipt, for scripts and for a sender without SFTP: rebuilt for the batch's current status and attempt, so
 * it is the outbox's receipt only if that one was delivered and the batch has not changed since ({@code receipt} of
 * {@code GET /api/batches/{id}} says whether it was).
 */
@RestController
@Tag(name = "batches")
public class ReceiptController {

    private final BatchLookup batches;
    private final ReceiptDownloads receipts;

    public ReceiptController(BatchLookup batches, ReceiptDownloads receipts) {
        this.batches = batches;
        this.receipts = receipts;
    }

    @GetMapping("/api/batches/{id}/receipt.csv")
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    @Operation(summary = "回执（CSV）", description = "The receipt of the batch's current status and attempt, rebuilt now in the source's receipt "
            + "encoding: not read from the outbox, so not necessarily what the sender got (see receipt in GET /api/batches/{id}).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    @ApiResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public void csv(@PathVariable String id, HttpServletResponse response) throws IOException {
        receipts.csv(batches.find(id), response);
    }

    @GetMapping("/api/batches/{id}/receipt.xml")
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    @Operation(summary = "回执（XML）", description = "The receipt of the batch's current status and attempt, rebuilt now, UTF-8: not read from the "
            + "outbox, so not necessarily what the sender got (see receipt in GET /api/batches/{id}).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/xml"))
    @ApiResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public void xml(@PathVariable String id, HttpServletResponse response) throws IOException {
        receipts.xml(batches.find(id), response);
    }
}
