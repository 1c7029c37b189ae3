package org.tracehub.jobs.importjob;

/** Job parameter names of the import job: one job instance per batch attempt. */
public final class ImportJobParameters {

    public static final String JOB_NAME = "importJob";
    public static final String BATCH_ID = "batchId";
    public static final String ATTEMPT = "attempt";

    private ImportJobParameters() {
    }
}
