package org.tracehub.hub.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.hub.audit.AuditActions;
import org.tracehub.hub.audit.Audited;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.routes.receipt.ReceiptCsvWriter;
import org.tracehub.routes.receipt.ReceiptXmlWriter;

/**
 * A batch's receipt as the sender got it, written again from the batch and its problems with the
 * receipt writers themselves (the outbox copy may since have been replaced by a later file of the
 * same name).
 */
@Controller
public class ReceiptDownloadController {

    private static final String DEFAULT_ENCODING = "GB18030";

    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final SpecCatalog catalog;

    public ReceiptDownloadController(BatchRepository batches, BatchErrorRepository errors, SpecCatalog catalog) {
        this.batches = batches;
        this.errors = errors;
        this.catalog = catalog;
    }

    @GetMapping({"/console/batches/{id}/receipt.csv", "/api/batches/{id}/receipt.csv"})
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    public ResponseEntity<byte[]> csv(@PathVariable String id) throws IOException {
        Batch batch = find(id);
        Charset charset = Charset.forName(catalog.source(batch.sourceId()).map(s -> s.receiptEncoding()).orElse(DEFAULT_ENCODING));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReceiptCsvWriter().write(receipt(batch), charset, out);
        return attachment(batch.fileName() + ".receipt.csv", new MediaType("text", "csv", charset), out.toByteArray());
    }

    @GetMapping({"/console/batches/{id}/receipt.xml", "/api/batches/{id}/receipt.xml"})
    @Audited(AuditActions.DOWNLOAD_RECEIPT)
    public ResponseEntity<byte[]> xml(@PathVariable String id) throws XMLStreamException {
        Batch batch = find(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReceiptXmlWriter().write(receipt(batch), out);
        return attachment(batch.fileName() + ".receipt.xml", MediaType.APPLICATION_XML, out.toByteArray());
    }

    private Receipt receipt(Batch batch) {
        return new Receipt(batch, batch.attempt() > 0 ? errors.problemsOf(batch.id(), batch.attempt()) : List.of());
    }

    private static ResponseEntity<byte[]> attachment(String name, MediaType type, byte[] body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    private Batch find(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id);
        }
        return batches.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id));
    }
}
