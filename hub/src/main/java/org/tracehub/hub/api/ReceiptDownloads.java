package org.tracehub.hub.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.xml.stream.XMLStreamException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.routes.receipt.ReceiptCsvWriter;
import org.tracehub.routes.receipt.ReceiptXmlWriter;

/**
 * A batch's receipt for its current status and attempt, written again from the batch and its problems with the receipt
 * writers themselves, not read from the outbox (whose copy may since have been replaced by a later file of the same name).
 * It is what the sender got only when the batch's receipt was delivered and the batch has not changed since: whether it
 * was is {@code BatchReceipt} (the batch page and {@code BatchView.receipt}). Written straight to the
 * response as the problems are read, a page at a time: a receipt of 500,000 problem rows does not have to fit the heap.
 */
@Component
public class ReceiptDownloads {

    private static final String DEFAULT_ENCODING = "GB18030";

    private final BatchErrorRepository errors;
    private final SpecCatalog catalog;
    private final BatchAttempts attempts;
    private final Clock clock;

    public ReceiptDownloads(BatchErrorRepository errors, SpecCatalog catalog, BatchAttempts attempts, Clock clock) {
        this.clock = clock;
        this.errors = errors;
        this.catalog = catalog;
        this.attempts = attempts;
    }

    /** The CSV receipt, in the source's receipt encoding. */
    public void csv(Batch batch, HttpServletResponse response) throws IOException {
        Charset charset = ReceiptCsvWriter.writtenIn(Charset.forName(catalog.source(batch.sourceId()).map(s -> s.receiptEncoding()).orElse(DEFAULT_ENCODING)));
        attachment(response, batch.fileName() + ".receipt.csv", new MediaType("text", "csv", charset));
        try (OutputStream out = response.getOutputStream()) {
            new ReceiptCsvWriter().write(receipt(batch), charset, out);
        }
    }

    /** The XML receipt, UTF-8. */
    public void xml(Batch batch, HttpServletResponse response) throws IOException {
        attachment(response, batch.fileName() + ".receipt.xml", MediaType.APPLICATION_XML);
        try (OutputStream out = response.getOutputStream()) {
            new ReceiptXmlWriter().write(receipt(batch), out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the XML receipt of batch " + batch.id(), e);
        }
    }

    private Receipt receipt(Batch batch) {
        return Receipt.of(batch, errors, attempts, clock);
    }

    private static void attachment(HttpServletResponse response, String name, MediaType type) {
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }
}
