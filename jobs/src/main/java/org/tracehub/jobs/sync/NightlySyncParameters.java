package org.tracehub.jobs.sync;

/**
 * Names of the nightly sync job, its steps and its parameters. One job instance per scheduled run:
 * the run's time (to the minute) and the sources it covers identify it, so a run fired twice (two
 * nodes, or a restart within the minute) is one instance and runs once.
 */
public final class NightlySyncParameters {

    public static final String JOB_NAME = "nightlySyncJob";
    public static final String LOAD_STAGED_STEP = "loadStagedBatchesStep";
    public static final String REQUEST_PULLS_STEP = "requestPullsStep";
    public static final String SUMMARY_STEP = "syncSummaryStep";

    /** When the run was due, ISO-8601 with offset, to the minute; also the end of its summary window. */
    public static final String RUN_AT = "runAt";
    /** {@link #ALL_SOURCES}, or the comma-separated ids of sources that run on a cron of their own. */
    public static final String SOURCES = "sources";
    /** Every source without a cron of its own. */
    public static final String ALL_SOURCES = "*";

    /** Step execution context keys: per source, batches loaded / failed, and the sources asked to pull. */
    static final String LOADED_PREFIX = "sync.loaded.";
    static final String LOAD_FAILED_PREFIX = "sync.loadFailed.";
    static final String PULLS_REQUESTED = "sync.pullsRequested";

    private NightlySyncParameters() {
    }
}
