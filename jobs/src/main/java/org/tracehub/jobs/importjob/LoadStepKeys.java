package org.tracehub.jobs.importjob;

/**
 * Keys of what a first load (several transactions) saves in the load step's ExecutionContext with every
 * transaction: read by a restart and by the progress view on any node.
 */
public final class LoadStepKeys {

    /** The file row of the last staged event written by a committed transaction. */
    public static final String AFTER_ROW = "load.afterRow";
    /** Events written by the committed transactions. */
    public static final String LOADED = "load.loaded";
    /** Staged events of the attempt, counted when the load began. */
    public static final String TOTAL = "load.total";

    private LoadStepKeys() {
    }
}
