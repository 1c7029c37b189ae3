package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.testing.LoggedEvents;

/**
 * Every log line that concerns a batch carries its id and source in the MDC, whichever module
 * wrote it: intake (routes), the import job and Spring Batch's own lines (jobs), the receipt.
 */
class BatchLogLinesTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-logs";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void release() {
        root.detachAppender(lines);
    }

    @Test
    void linesNamingABatchCarryItsIdAndSourceFromIntakeToReceipt() {
        String id = ingestSample(SOURCE);
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> about(id).stream()
                .anyMatch(e -> e.getLoggerName().endsWith("ReceiptDelivery")));

        List<ILoggingEvent> about = about(id);
        assertThat(about).extracting(ILoggingEvent::getLoggerName).as("intake, the import job, Spring Batch and the receipt all log it")
                .anyMatch(n -> n.startsWith("org.tracehub.routes.intake"))
                .anyMatch(n -> n.startsWith("org.tracehub.jobs"))
                .anyMatch(n -> n.startsWith("org.springframework.batch"))
                .anyMatch(n -> n.endsWith("ReceiptDelivery"));
        assertThat(about).allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap()).as("%s: %s", e.getLoggerName(), e.getFormattedMessage())
                    .containsEntry(BatchLogContext.BATCH_ID, id).containsEntry(BatchLogContext.SOURCE_ID, SOURCE);
        });
    }

    /** The lines whose text names the batch. */
    private List<ILoggingEvent> about(String id) {
        return LoggedEvents.of(lines).stream().filter(e -> e.getFormattedMessage().contains(id)).toList();
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await();
    }
}
