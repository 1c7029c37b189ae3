package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.read.ReaderLimits;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.schemas.event.EventRules;

/**
 * The convert step's chunks and read-ahead are bounded by the characters their rows hold, not only by their count: a
 * rejected row keeps every raw cell, so 500 rows of 50,000 characters each (within a CSV's 100,000) held as one chunk,
 * with two more chunks read ahead, were hundreds of megabytes. Chunks of the hub's size here (500 rows), not the tests' 3.
 */
@TestPropertySource(properties = "hub.jobs.chunk-size=500")
class WideRowsConvertTests extends ImportJobTestSupport {

    private static final int WIDE = 50_000;

    @Autowired
    SpecCatalog catalog;

    @Autowired
    EventRules rules;

    @Autowired
    LiveProgress progress;

    @Test
    void wideRejectedRowsAreWrittenInChunksEndedByTheirSizeWithEveryCellKept() throws Exception {
        // each row about 50,250 characters held (its cells and its problem): 40 of them pass the run's 2,000,000
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rows.add(wideRejected(i, WIDE));
        }
        String batchId = receive(FILE_NAME, utf8(export(rows.toArray(String[]::new))));

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, ImportJobConfiguration.CONVERT_STEP)).satisfies(s -> {
            assertThat(s.getWriteCount()).as("runs of 40, 40 and 20 rows, not one chunk of 100").isEqualTo(3);
            assertThat(s.getExecutionContext().getLong(ConvertingReader.CONSUMED)).isEqualTo(100);
        });
        Batch batch = batch(batchId);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(100L, 0L, 100L);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND LENGTH(cells) > ?", batchId, WIDE))
                .as("every rejected row with all its cells").isEqualTo(100);
    }

    @Test
    void ordinaryRowsComeInRunsOfTheChunkSize() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            rows.add(record(i, "1,250", "310112-" + i, "SH" + i));
        }
        String batchId = receive(FILE_NAME, utf8(export(rows.toArray(String[]::new))));

        assertThat(runs(batchId, spec().files().get(0), 3)).containsExactly(3, 3, 1);
    }

    @Test
    void aRowWiderThanTheRunBudgetGoesThroughAsARunOfItsOwn() throws Exception {
        int wider = (int) ConvertingReader.RUN_CHARACTERS + 500_000;
        String batchId = receive(FILE_NAME, utf8(export(wideRejected(1, wider), wideRejected(2, 10), wideRejected(3, 10))));
        // a spec that lets a CSV record be that long (the built-in one stops at 100,000 characters)
        FileSpec f = spec().files().get(0);
        FileSpec roomy = new FileSpec(f.match(), f.format(), f.encoding(), f.headerRow(), f.delimiter(), f.step(), f.skip(), f.key(),
                f.fields(), f.quote(), wider + 1_000, f.sheet(), f.record(), f.namespaces());

        assertThat(runs(batchId, roomy, 500)).containsExactly(1, 2);
    }

    /** A row of the sample's layout rejected for its weight, its unread 序号 cell {@code width} characters wide. */
    private static String wideRejected(int n, int width) {
        return n + "号".repeat(width) + record(n, "五十", "310112-" + n, "SH" + n).substring(String.valueOf(n).length());
    }

    private MappingSpec spec() {
        return catalog.source(SOURCE).orElseThrow();
    }

    /** The sizes of the runs the convert step's reader hands out for the batch's file, read as the step reads it. */
    private List<Integer> runs(String batchId, FileSpec fileSpec, int rowsPerRun) {
        int attempt = batches.startAttempt(batchId);
        Path file = storage.resolve(batch(batchId).archivePath());
        ConvertingReader reader = new ConvertingReader(spec(), fileSpec, file, new ConversionContext(SOURCE, batchId, attempt), rules,
                progress, ReaderLimits.DEFAULT, rowsPerRun, batches);
        List<Integer> sizes = new ArrayList<>();
        try {
            reader.open(new ExecutionContext());
            for (PreparedRows run = reader.read(); run != null; run = reader.read()) {
                assertThat(run.rows()).allSatisfy(r -> assertThat(r.converted()).isNotInstanceOf(ConvertedRow.Skipped.class));
                sizes.add(run.rows().size());
            }
        } finally {
            reader.close();
        }
        return sizes;
    }
}
