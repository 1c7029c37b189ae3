package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StagedPayloadFiles;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The staged events' XML lives in a file per attempt under {@code hub.data-dir} (platform/README.md, "Staged XML in
 * files"): what the load finds there, and what it does when the file is not what the convert step wrote.
 */
class StagedFileLoadTests extends ImportJobTestSupport {

    @Autowired
    @Qualifier("loadJob")
    Job loadJob;

    @Autowired
    StagedPayloadFiles stagedFiles;

    @Autowired
    BatchActions actions;

    @Autowired
    StagedEventRepository stagedEvents;

    @Test
    void theConvertStepStagesEachAcceptedEventsXmlInTheAttemptsFileAndTheLoadStoresItAsStaged() throws Exception {
        String batchId = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Path file = stagedFiles.file(batchId, 1);
        assertThat(file).isEqualTo(dataDir.resolve("staging").resolve(batchId).resolve("1.xml"));
        String staged = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(staged.split("<event ", -1)).hasSize(ACCEPTED_ROWS.size() + 1);
        assertThat(staged).contains("XJM2611270009");
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND payload IS NULL AND payload_length > 0", batchId))
                .isEqualTo(ACCEPTED_ROWS.size());

        JobExecution load = jobOperator.start(loadJob, ImportJobParameters.of(batchId, 1));

        assertThat(load.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        // each stored event keeps the XML its row pointed at
        for (String payload : jdbc.sql("SELECT payload FROM trace_event WHERE batch_id = ?").param(batchId).query(String.class).list()) {
            assertThat(staged).contains(payload);
        }
    }

    @Test
    void aStagedFileChangedBeforeTheLoadFailsTheBatchNamingTheFileAndAReprocessStagesAndLoadsAgain() throws Exception {
        String batchId = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path file = stagedFiles.file(batchId, 1);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 20);
            raf.write('#');
        }

        JobExecution load = jobOperator.start(loadJob, ImportJobParameters.of(batchId, 1));

        assertThat(load.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(load.getExitStatus().getExitDescription()).contains("checksum").contains(batchId).contains(file.toString());
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(traceEvents()).as("nothing of the attempt is stored").isZero();

        BatchActions.Started reprocess = actions.reprocess(batchId);
        assertThat(reprocess.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        assertThat(jobOperator.start(loadJob, ImportJobParameters.of(batchId, 2)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
        // the broken attempt's file went with its rows when attempt 2 was loaded; the loaded attempt's stays for the purge
        assertThat(file).doesNotExist();
        assertThat(stagedFiles.file(batchId, 2)).exists();
    }

    @Test
    void aStagedValueThatDoesNotConvertFailsTheLoadNamingBatchAttemptRowAndFieldInsteadOfStoringTheEventWithoutIt() throws Exception {
        String batchId = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // row 6's event as a hub that kept the XML in the row (before V10) staged it, with its quantity damaged
        String xml = stagedEvents.page(batchId, 1, 5, 1).get(0).payload();
        String damaged = xml.replaceFirst("(<quantity[^>]*>)[^<]*", "$1五十");
        assertThat(damaged).isNotEqualTo(xml);
        jdbc.sql("UPDATE staged_event SET payload = ?, payload_offset = NULL, payload_length = NULL, payload_crc = NULL "
                + "WHERE batch_id = ? AND attempt = 1 AND row_no = 6").params(damaged, batchId).update();

        JobExecution load = jobOperator.start(loadJob, ImportJobParameters.of(batchId, 1));

        assertThat(load.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(load.getExitStatus().getExitDescription())
                .contains("staged event of batch " + batchId + " attempt 1 row 6", "field quantity holds “五十”");
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(traceEvents()).as("no event stored, none without its quantity").isZero();
    }
}
