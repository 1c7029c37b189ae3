package org.tracehub.routes.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.SourceIds;

/**
 * Which source's outbox holds a receipt of each given batch, read from the receipts themselves: for batches the database
 * does not know (a database restored from a copy older than the data dir), the outbox is what still says whose file
 * each was. A receipt kept under its batch id names it in its file name; the plain name's owner is read from its XML.
 */
@Component
public class ReceiptedSources {

    private static final String XML_SUFFIX = ".receipt.xml";

    private final HubStorage storage;

    public ReceiptedSources(HubStorage storage) {
        this.storage = storage;
    }

    /** The source of each batch a receipt names; batches no receipt names are left out. */
    public Map<String, String> of(Set<String> batchIds) {
        Map<String, String> sources = new HashMap<>();
        if (batchIds.isEmpty() || !Files.isDirectory(storage.dropBoxRoot())) {
            return sources;
        }
        try (Stream<Path> roots = Files.list(storage.dropBoxRoot())) {
            for (Path root : roots.sorted().toList()) {
                String sourceId = root.getFileName().toString();
                if (SourceIds.isWellFormed(sourceId)) {
                    for (String batchId : receiptedIn(storage.outbox(sourceId), batchIds)) {
                        sources.putIfAbsent(batchId, sourceId);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outboxes under " + storage.dropBoxRoot(), e);
        }
        return sources;
    }

    private static List<String> receiptedIn(Path outbox, Set<String> batchIds) throws IOException {
        if (!Files.isDirectory(outbox, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(XML_SUFFIX)).map(ReceiptedSources::owner)
                    .flatMap(Optional::stream).filter(batchIds::contains).toList();
        }
    }

    private static Optional<String> owner(Path xml) {
        String name = xml.getFileName().toString();
        String stem = name.substring(0, name.length() - XML_SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        if (dot >= 0 && BatchIds.isWellFormed(stem.substring(dot + 1))) {
            return Optional.of(stem.substring(dot + 1)); // an older batch's receipt, kept under its id
        }
        try {
            return OutboxReceipts.ownerOf(xml);
        } catch (IOException unreadable) {
            return Optional.empty(); // removed meanwhile, or not readable: it names no batch this look can use
        }
    }
}
