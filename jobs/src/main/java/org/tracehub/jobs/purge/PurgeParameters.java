package org.tracehub.jobs.purge;

/** Names of the purge job, its steps and its parameter; one job instance per scheduled run (to the minute). */
public final class PurgeParameters {

    public static final String JOB_NAME = "purgeJob";
    public static final String STAGING_STEP = "purgeStagingStep";
    public static final String SUPERSEDED_PROBLEMS_STEP = "purgeSupersededProblemsStep";
    public static final String ARCHIVE_STEP = "purgeArchivesStep";
    public static final String RECEIPT_STEP = "purgeReceiptsStep";
    public static final String INBOX_LEFTOVER_STEP = "purgeInboxLeftoversStep";
    public static final String JOB_METADATA_STEP = "purgeJobMetadataStep";

    /**
     * The exit code of a purge step, and of a run, that could not delete some files or folders (they stay for the next
     * run; the step's exit description names the first few): {@link PurgeOutcome}.
     */
    public static final String FILES_NOT_DELETED = "FILES_NOT_DELETED";

    /** When the run was due, ISO-8601 with offset; the ages are counted back from it. */
    public static final String RUN_AT = "runAt";

    private PurgeParameters() {
    }
}
