package org.tracehub.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.hub.api.ReceiptDownloads;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.Audited;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;

/** The console's download of a batch's receipt (the API's is {@code ReceiptController}). */
@Controller
public class ReceiptDownloadController {

    private final BatchRepository batches;
    private final ReceiptDownloads receipts;

    public ReceiptDownloadController(BatchRepository batches, ReceiptDownloads receipts) {
        this.batches = batches;
        this.receipts = receipts;
    }

    @GetMapping("/console/batches/{id}/receipt.csv")
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    public void csv(@PathVariable String id, HttpServletResponse response) throws IOException {
        receipts.csv(find(id), response);
    }

    @GetMapping("/console/batches/{id}/receipt.xml")
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    public void xml(@PathVariable String id, HttpServletResponse response) throws IOException {
        receipts.xml(find(id), response);
    }

    private Batch find(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id);
        }
        return batches.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id));
    }
}
