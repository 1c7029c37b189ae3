package org.tracehub.jobs.importjob;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Names of the import job and the load job and of their parameters. Both have one job instance per
 * batch attempt, identified by the batch id and the attempt number.
 */
public final class ImportJobParameters {

    /** Converts, stages, loads (on-arrival sources) and reports one batch attempt. */
    public static final String JOB_NAME = "importJob";
    /** Loads an attempt that the import job left STAGED (nightly sources), then reports it again. */
    public static final String LOAD_JOB_NAME = "loadJob";
    public static final String BATCH_ID = "batchId";
    public static final String ATTEMPT = "attempt";

    private ImportJobParameters() {
    }

    /** The identifying parameters of a batch attempt's import or load job. */
    public static JobParameters of(String batchId, int attempt) {
        return new JobParametersBuilder()
                .addString(BATCH_ID, batchId)
                .addLong(ATTEMPT, (long) attempt)
                .toJobParameters();
    }
}
