package org.tracehub.hub.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.storage.HubStorage;

/**
 * The column names of a batch's file, so the report's raw cells stand under the names the sender knows: as the
 * attempt's convert step read them from the file (recorded with the attempt, V17), whatever the source's spec has
 * become since — a header row moved, a path added to an XML spec, the file no longer matched. For an attempt converted
 * before V17 they are read from the archived original with the source's current spec, as they always were. Empty when
 * neither can tell (the report then says 第N列).
 */
@Component
public class ReportHeader {

    private static final Logger log = LoggerFactory.getLogger(ReportHeader.class);

    private final SpecCatalog catalog;
    private final HubStorage storage;
    private final BatchRepository batches;

    public ReportHeader(SpecCatalog catalog, HubStorage storage, BatchRepository batches) {
        this.catalog = catalog;
        this.storage = storage;
        this.batches = batches;
    }

    public List<String> of(Batch batch) {
        if (batch.attempt() > 0) {
            Optional<List<String>> recorded = batches.fileHeader(batch.id(), batch.attempt());
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        return readWithCurrentSpec(batch);
    }

    /** Before V17: the header of the archived original, read with the source's current spec. */
    private List<String> readWithCurrentSpec(Batch batch) {
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
