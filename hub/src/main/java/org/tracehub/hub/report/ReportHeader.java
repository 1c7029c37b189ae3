package org.tracehub.hub.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.storage.HubStorage;

/**
 * The column names of a batch's file, read from the archived original with the source's current
 * spec, so the report's raw cells stand under the names the sender knows. Empty when the file or
 * spec cannot tell (the report then says 第N列).
 */
@Component
public class ReportHeader {

    private static final Logger log = LoggerFactory.getLogger(ReportHeader.class);

    private final SpecCatalog catalog;
    private final HubStorage storage;

    public ReportHeader(SpecCatalog catalog, HubStorage storage) {
        this.catalog = catalog;
        this.storage = storage;
    }

    public List<String> of(Batch batch) {
        var fileSpec = catalog.fileSpec(batch.sourceId(), batch.fileName());
        Path file = storage.resolve(batch.archivePath());
        if (fileSpec.isEmpty() || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RecordReader reader = RecordReaders.open(fileSpec.get(), file)) {
            return reader.header();
        } catch (RuntimeException e) {
            log.debug("no header for the error report of batch {}", batch.id(), e);
            return List.of();
        }
    }
}
