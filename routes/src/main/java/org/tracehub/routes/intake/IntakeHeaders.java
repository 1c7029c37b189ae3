package org.tracehub.routes.intake;

/** Camel message headers of the intake and receipt flows. */
public final class IntakeHeaders {

    /** The source id (also its SFTP account name); set by the transport. */
    public static final String SOURCE_ID = "TraceHubSourceId";
    /** Absolute path of a complete file not yet taken in (an inbox file); set by a transport that has not taken it itself. */
    public static final String FILE_PATH = "TraceHubFilePath";
    /** The file's name as the sender gave it, when it differs from the name on disk (HTTP uploads). */
    public static final String FILE_NAME = "TraceHubFileName";
    /** {@code SFTP}, {@code HTTP} or {@code PULL} (platform's {@code Transport}). */
    public static final String TRANSPORT = "TraceHubTransport";
    /** The batch id; set once a file is taken, so a transport that took the file itself sends it instead of a path. */
    public static final String BATCH_ID = "TraceHubBatchId";
    /**
     * The file intake works on, for the logs: its name as sent and where it lies ({@code <name> (<path>)}); set by
     * intake once it knows the file, whichever way it came (a batch row may not exist yet to find it by).
     */
    public static final String TAKEN_FILE = "TraceHubTakenFile";
    /** The status intake gave the batch. */
    public static final String BATCH_STATUS = "TraceHubBatchStatus";

    private IntakeHeaders() {
    }
}
