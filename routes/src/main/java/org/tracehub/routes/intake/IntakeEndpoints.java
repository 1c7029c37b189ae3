package org.tracehub.routes.intake;

/**
 * The internal endpoints of the intake and receipt flows. Transports (SFTP drop-box, nightly pull,
 * the sweep) hand a complete file to {@link #FILE_RECEIVED} with the headers of {@link IntakeHeaders};
 * a transport that must answer its sender at once (HTTP upload) calls {@link #INTAKE} request-reply.
 */
public final class IntakeEndpoints {

    /** One consumer: a file reported twice (upload event and sweep) is taken once, in order. */
    public static final String FILE_RECEIVED = "seda:file-received?size=10000";
    /** Intake itself, synchronous: the reply carries {@link IntakeHeaders#BATCH_ID} and {@link IntakeHeaders#BATCH_STATUS}. */
    public static final String INTAKE = "direct:intake";
    /** Announces a RECEIVED batch on the import queue. */
    public static final String BATCH_DISPATCH = "direct:batch-dispatch";
    public static final String RECEIPT = "direct:receipt";

    private IntakeEndpoints() {
    }
}
