package org.tracehub.routes.intake;

/** Camel message headers of the intake and receipt flows. */
public final class IntakeHeaders {

    public static final String SOURCE_ID = "TraceHubSourceId";
    public static final String FILE_PATH = "TraceHubFilePath";
    public static final String TRANSPORT = "TraceHubTransport";
    public static final String BATCH_ID = "TraceHubBatchId";
    public static final String BATCH_STATUS = "TraceHubBatchStatus";

    private IntakeHeaders() {
    }
}
