package org.tracehub.platform.batch;

/**
 * The JMS destinations between intake (routes) and the work on records (jobs). Both sides depend on
 * the platform, so the names live here once.
 */
public final class BatchMessaging {

    /** A batch was archived and recorded; body: the batch id. Competing consumers start its import. */
    public static final String BATCH_RECEIVED_QUEUE = "hub.batch.received";

    /** A batch reached an outcome the sender must hear about; body: a JSON summary. */
    public static final String BATCH_COMPLETED_TOPIC = "hub.batch.completed";
    /**
     * The receipt route's shared subscription to {@link #BATCH_COMPLETED_TOPIC} (JMS 2.0): the nodes on one broker share it,
     * so each report is delivered as a receipt by one node, not by every node into the one outbox they share.
     */
    public static final String RECEIPT_SUBSCRIPTION = "tracehub.receipts";

    /**
     * A source's pull from its legacy SFTP server is due now (the nightly sync asks; routes pull);
     * body: the source id.
     */
    public static final String PULL_REQUESTED_QUEUE = "hub.pull.requested";

    /**
     * A nightly sync run ended; body: a JSON summary per source (files, rows, rejects, failures, loads).
     * For monitoring and downstream systems; nothing in the hub depends on it.
     */
    public static final String SYNC_COMPLETED_TOPIC = "hub.sync.completed";

    /** JMS property carrying the batch id on both destinations, so consumers need not parse bodies. */
    public static final String BATCH_ID_PROPERTY = "batchId";

    /** JMS property carrying the batch status on the completed topic. */
    public static final String STATUS_PROPERTY = "batchStatus";

    private BatchMessaging() {
    }
}
