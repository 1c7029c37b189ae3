package org.tracehub.routes.config;

import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.reminder.Reminders;
import org.tracehub.platform.storage.DiskFull;

/**
 * Error handling, declared once for every route: retry with exponential back-off (a full disk, a
 * database restart), then log with the batch and file so an admin can act.
 *
 * <ul>
 *   <li>{@value #ID} — every route but the pulls: after the last retry the failure is handled. Nothing
 *   is lost by that: a file whose intake failed stays taken and the intake sweep tries it again; a
 *   batch whose announcement failed is announced again; a receipt that failed is delivered again.</li>
 *   <li>{@value #RECEIPT_ID} — the receipt delivery: at most {@code hub.routes.receipt-max-redeliveries} quick retries,
 *   {@code hub.routes.redelivery-delay-ms} apart, then handled. It runs on the thread of whoever asked for the receipt:
 *   the completed topic's one consumer, intake (an HTTP upload of a duplicate waits for it) and the redelivery sweep, so
 *   minutes of back-off for one source's broken outbox would hold up every other receipt. {@code ReceiptDelivery} records
 *   the failure and the redelivery sweep tries it again.</li>
 *   <li>{@value #PULL_ID} — the pull routes: after the last retry the failure is <em>not</em> handled,
 *   so the sftp consumer rolls the file back: it stays on the legacy server, is not remembered as
 *   fetched, and the pull counts as failed (retried with back-off, shown in health).</li>
 * </ul>
 *
 * <p>A send the broker did not take within {@code hub.routes.send-timeout} ({@link SendTimedOutException}) is not retried
 * in the route: a broker that blocks producers blocks them for minutes or hours, and each retry would hold the route
 * (intake's only consumer) for another timeout. It is logged at ERROR, naming the batch and its file, and taken up by the
 * sweep that covers it (an announcement by {@code batch-redispatch}).
 *
 * <p>A full data disk (the OS's "No space left on device", or below {@code hub.intake.min-disk-free}: {@link DiskFull}) is
 * not retried in the route: the file stays taken, the intake sweep takes it in again, and the problem is logged at ERROR
 * once a day for all the batches it holds up.
 *
 * <p>A route that gives up on the same batch again (the sweep hands a file whose intake keeps failing back every few
 * minutes) logs it at ERROR once a day, at DEBUG in between ({@link GaveUpLog}).
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-errors";
    public static final String PULL_ID = "hub-pull-errors";
    public static final String RECEIPT_ID = "hub-receipt-errors";

    private static final String GAVE_UP = "${routeId} gave up: source=${header.TraceHubSourceId} file=${header.TraceHubTakenFile} "
            + "batch=${header.TraceHubBatchId}: ${exception.message}";

    private static final String DISK_FULL = "${routeId}: 平台数据盘空间不足，文件暂不接收，留在接收目录，空间恢复后由接收巡检自动再接收 "
            + "(the data disk is full or below hub.intake.min-disk-free; the file stays taken and the intake sweep takes it in "
            + "again): source=${header.TraceHubSourceId} file=${header.TraceHubTakenFile} batch=${header.TraceHubBatchId}: "
            + "${exception.message}";

    private static final String RECEIPT_GAVE_UP = "${routeId} gave up for now: batch=${header.TraceHubBatchId}: "
            + "${exception.message}; the receipt redelivery tries it again";

    private final GaveUpLog gaveUpLog;
    private final Reminders<String> diskFullTold;

    private final ReceiptFailureLog receiptFailureLog;

    public HubErrorHandling(ObjectProvider<Clock> clock, ObjectProvider<BatchRepository> batches) {
        Clock time = clock.getIfAvailable(Clock::systemDefaultZone);
        this.gaveUpLog = new GaveUpLog(time);
        this.diskFullTold = new Reminders<>(time);
        this.receiptFailureLog = new ReceiptFailureLog(time,
                batchId -> batches.getObject().findById(batchId).map(Batch::sourceId).orElse(null));
    }

    /** Whose receipt failures are told at ERROR, once a day per source's outbox. */
    public ReceiptFailureLog receiptFailureLog() {
        return receiptFailureLog;
    }

    /** Whether the full disk is to be told at ERROR now: one problem for every batch it holds up, not one per batch. */
    public boolean diskFullDue() {
        return diskFullTold.due("data disk");
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition hubErrors = routeConfiguration(ID);
        hubErrors.onException(SendTimedOutException.class)
                .maximumRedeliveries(0)
                .handled(true)
                .log(LoggingLevel.ERROR, "org.tracehub.routes",
                        "${routeId}: ${exception.message}; source=${header.TraceHubSourceId} batch=${header.TraceHubBatchId}");
        // a full disk is not over within a route's back-off (a minute for six tries, holding intake's only thread), and each
        // try wrote until the disk was full again: handed to the sweep at once, told once a day for all batches it holds up
        hubErrors.onException(IOException.class)
                .onWhen(exchange -> DiskFull.isCauseOf(exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .maximumRedeliveries(0)
                .handled(true)
                .choice()
                    .when(method(this, "diskFullDue"))
                        .log(LoggingLevel.ERROR, "org.tracehub.routes", DISK_FULL + " (told again once a day while it lasts)")
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "org.tracehub.routes", DISK_FULL)
                .end();
        hubErrors.onException(Exception.class)
                .maximumRedeliveries("{{hub.routes.max-redeliveries:6}}")
                .redeliveryDelay("{{hub.routes.redelivery-delay-ms:1000}}")
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .handled(true)
                .choice()
                    .when(method(gaveUpLog, "isDue"))
                        .log(LoggingLevel.ERROR, "org.tracehub.routes", GAVE_UP + " (told again once a day while it lasts)\n"
                                + "${exception.stacktrace}")
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "org.tracehub.routes", GAVE_UP + " (told at ERROR already)")
                .end();

        routeConfiguration(RECEIPT_ID)
                .onException(Exception.class)
                .maximumRedeliveries("{{hub.routes.receipt-max-redeliveries:1}}")
                .redeliveryDelay("{{hub.routes.redelivery-delay-ms:1000}}")
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .handled(true)
                .choice()
                    .when(method(receiptFailureLog, "isDue"))
                        .log(LoggingLevel.ERROR, "org.tracehub.routes", RECEIPT_GAVE_UP
                                + " (told again once a day while the source's receipts fail; tracehub_receipts_undelivered "
                                + "counts those waiting)")
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "org.tracehub.routes", RECEIPT_GAVE_UP + " (told at ERROR already)")
                .end();

        routeConfiguration(PULL_ID)
                .onException(Exception.class)
                .maximumRedeliveries("{{hub.routes.max-redeliveries:6}}")
                .redeliveryDelay("{{hub.routes.redelivery-delay-ms:1000}}")
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .handled(false)
                .log(LoggingLevel.ERROR, "org.tracehub.routes",
                        "${routeId} gave up on ${header.CamelFileName} of source=${header.TraceHubSourceId}; it stays on the "
                                + "legacy server for the next pull: ${exception.message}");
    }
}
