package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.hub.logging.BatchLogContextFilter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.Transport;

/** Requests about a batch or a source log with its id (and the batch's source) in the MDC, and only while they run. */
class BatchLogContextFilterTest {

    private static final String ID = "20261127-1f3a9c0b2d";

    @Test
    void batchRequestsCarryTheBatchIdAndItsSource() throws Exception {
        assertThat(seen("/api/batches/" + ID + "/errors.xlsx")).containsEntry(BatchLogContext.BATCH_ID, ID)
                .containsEntry(BatchLogContext.SOURCE_ID, "meat-wholesale-xj");
        assertThat(seen("/console/batches/" + ID)).containsEntry(BatchLogContext.BATCH_ID, ID);
        assertThat(MDC.get(BatchLogContext.BATCH_ID)).as("removed after the request").isNull();
    }

    @Test
    void sourceRequestsCarryTheSourceAndOtherRequestsNothing() throws Exception {
        assertThat(seen("/api/sources/veg-base-chongming/files")).containsEntry(BatchLogContext.SOURCE_ID, "veg-base-chongming")
                .doesNotContainKey(BatchLogContext.BATCH_ID);
        assertThat(seen("/api/batches")).isEmpty();
        assertThat(seen("/api/batches/not-an-id")).isEmpty();
        assertThat(seen("/t/XJM2611270001")).isEmpty();
    }

    private static Map<String, String> seen(String uri) throws Exception {
        BatchRepository batches = mock(BatchRepository.class);
        when(batches.findById(ID)).thenReturn(Optional.of(new Batch(ID, "meat-wholesale-xj", "f.csv", "f.csv", "archive/f.csv", 1, "0",
                null, Transport.SFTP, OffsetDateTime.now(), BatchStatus.LOADED, 1, "UTF-8", 0, 0, 0, 0, 0, null, null,
                OffsetDateTime.now())));
        Map<String, String> seen = new HashMap<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        new BatchLogContextFilter(batches).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            if (mdc != null) {
                seen.putAll(mdc);
            }
        });
        return seen;
    }
}
