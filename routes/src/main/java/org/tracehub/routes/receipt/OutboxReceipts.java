package org.tracehub.routes.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.platform.batch.Batch;

/**
 * Which files of a source's outbox a batch's receipt goes to. The contract (DESIGN.md) names a
 * receipt after the file it answers, {@code <name>.receipt.csv} and {@code .receipt.xml}, so a sender
 * finds the answer to what it just sent. Files of the same name are sent again (the same export a
 * second time: a DUPLICATE; a corrected one), and the second receipt must not overwrite the first:
 * the first one lists the rows that were refused, and the sender may not have read it yet. So the
 * plain name belongs to the newest batch of that name, and a receipt of an older batch is kept as
 * {@code <name>.<batch id>.receipt.csv|xml}: moved there when a newer batch's receipt arrives, or
 * written there directly when the older batch sends a follow-up receipt (LOADED after STAGED, a
 * reprocess) after the newer one took the name. The owner of the plain name is read from its XML
 * receipt, which names its batch.
 * Deliveries of one name are serialised by the caller, across nodes sharing the outbox too.
 */
final class OutboxReceipts {

    private static final XMLInputFactory XML = newXmlInputFactory();

    /** A receipt's two files. */
    record ReceiptFiles(Path csv, Path xml) {
    }

    private final Path outbox;
    private final String base;

    /** {@code base}: the received file's name as it may appear in the outbox (sanitised). */
    OutboxReceipts(Path outbox, String base) {
        this.outbox = outbox;
        this.base = base;
    }

    ReceiptFiles plain() {
        return new ReceiptFiles(outbox.resolve(base + ".receipt.csv"), outbox.resolve(base + ".receipt.xml"));
    }

    ReceiptFiles ofBatch(String batchId) {
        return new ReceiptFiles(outbox.resolve(base + "." + batchId + ".receipt.csv"), outbox.resolve(base + "." + batchId + ".receipt.xml"));
    }

    /**
     * Where {@code batch}'s receipt goes, after moving an older batch's receipt out of the plain name.
     * {@code batches} finds the batch that owns the plain name (empty if it is unknown: its receipt is
     * then treated as older and kept under its id).
     */
    ReceiptFiles targetFor(Batch batch, Function<String, Optional<Batch>> batches) throws IOException {
        ReceiptFiles plain = plain();
        Optional<String> owner = ownerOf(plain.xml());
        if (owner.isEmpty() || owner.get().equals(batch.id())) {
            return plain;
        }
        Optional<Batch> other = batches.apply(owner.get());
        if (other.isPresent() && isNewer(other.get(), batch)) {
            return ofBatch(batch.id());
        }
        ReceiptFiles aside = ofBatch(owner.get());
        // the XML last: it names the owner, so a crash between the two moves leaves the CSV to move again
        if (Files.exists(plain.csv())) {
            Files.move(plain.csv(), aside.csv(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(plain.xml(), aside.xml(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return plain;
    }

    /** By arrival; a DUPLICATE always after the batch it repeats, also when a clock gave both the same instant. */
    private static boolean isNewer(Batch other, Batch batch) {
        if (other.id().equals(batch.duplicateOf())) {
            return false;
        }
        if (batch.id().equals(other.duplicateOf())) {
            return true;
        }
        int byTime = other.receivedAt().compareTo(batch.receivedAt());
        return byTime != 0 ? byTime > 0 : other.id().compareTo(batch.id()) > 0;
    }

    /** The batch id in a receipt's XML, empty if there is no such file or it names none (a file that is not ours). */
    static Optional<String> ownerOf(Path xml) throws IOException {
        if (!Files.isRegularFile(xml)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader reader = XML.createXMLStreamReader(in);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "batchId".equals(reader.getLocalName())) {
                        String id = reader.getElementText().strip();
                        return id.isEmpty() ? Optional.empty() : Optional.of(id);
                    }
                }
                return Optional.empty();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException unreadable) {
            return Optional.empty();
        }
    }

    private static XMLInputFactory newXmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
