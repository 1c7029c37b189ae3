package org.tracehub.routes.intake;

/**
 * The internal endpoints of the intake and receipt flows. Transports (SFTP drop-box, HTTP upload,
 * nightly pull) hand a complete file to {@link #FILE_RECEIVED} with the headers of {@link IntakeHeaders}.
 */
public final class IntakeEndpoints {

    /** One consumer: a file reported twice (upload event and sweep) is taken once, in order. */
    public static final String FILE_RECEIVED = "seda:file-received?size=10000";
    public static final String RECEIPT = "direct:receipt";

    private IntakeEndpoints() {
    }
}
