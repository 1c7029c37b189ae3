package org.tracehub.jobs.purge;

/** Names of the purge job, its steps and its parameter; one job instance per scheduled run (to the minute). */
public final class PurgeParameters {

    public static final String JOB_NAME = "purgeJob";
    public static final String CLOCK_CHECK_STEP = "purgeClockCheckStep";
    public static final String STAGING_STEP = "purgeStagingStep";
    public static final String SUPERSEDED_PROBLEMS_STEP = "purgeSupersededProblemsStep";
    public static final String ARCHIVE_STEP = "purgeArchivesStep";
    public static final String RECEIPT_STEP = "purgeReceiptsStep";
    public static final String INBOX_LEFTOVER_STEP = "purgeInboxLeftoversStep";
    public static final String JOB_METADATA_STEP = "purgeJobMetadataStep";
    public static final String AUDIT_LOG_STEP = "purgeAuditLogStep";
    public static final String PULL_FETCHED_STEP = "purgePullFetchedStep";

    /**
     * The exit code of a purge step, and of a run, that could not delete some files or folders (they stay for the next
     * run; the step's exit description names the first few): {@link PurgeOutcome}.
     */
    public static final String FILES_NOT_DELETED = "FILES_NOT_DELETED";

    /**
     * The exit code of a purge run refused because its time is too far ahead of the last run's ({@link ClockCheckTasklet}):
     * it deleted nothing; the run's status is FAILED and its exit description says why and how to let it through.
     */
    public static final String CLOCK_AHEAD = "CLOCK_AHEAD";

    /** When the run was due, ISO-8601 with offset; the ages are counted back from it. */
    public static final String RUN_AT = "runAt";

    private PurgeParameters() {
    }
}
