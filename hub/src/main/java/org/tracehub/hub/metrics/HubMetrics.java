package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The hub's meters, by name and tags. Prometheus shows them as {@code tracehub_files_received_total},
 * {@code tracehub_rows_accepted_total}, {@code tracehub_rows_rejected_total},
 * {@code tracehub_batch_duration_seconds}, {@code tracehub_job_failures_total},
 * {@code tracehub_queue_depth}, {@code tracehub_sftp_logins_refused_total}, {@code tracehub_http_logins_refused_total}
 * and {@code tracehub_h2_file_size_bytes}.
 */
@Component
public class HubMetrics {

    public static final String FILES_RECEIVED = "tracehub.files.received";
    public static final String ROWS_ACCEPTED = "tracehub.rows.accepted";
    public static final String ROWS_REJECTED = "tracehub.rows.rejected";
    public static final String BATCH_DURATION = "tracehub.batch.duration";
    public static final String JOB_FAILURES = "tracehub.job.failures";
    public static final String QUEUE_DEPTH = "tracehub.queue.depth";
    public static final String SFTP_LOGINS_REFUSED = "tracehub.sftp.logins.refused";
    public static final String HTTP_LOGINS_REFUSED = "tracehub.http.logins.refused";
    public static final String H2_FILE_SIZE = "tracehub.h2.file.size";

    public static final String TAG_SOURCE = "source";
    public static final String TAG_STATUS = "status";
    public static final String TAG_TRANSPORT = "transport";
    public static final String TAG_CODE = "code";
    public static final String TAG_QUEUE = "queue";
    public static final String TAG_METHOD = "method";

    private final MeterRegistry registry;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        // shown from the start, so an alert on a rise has a zero to rise from
        refusedLogins("password");
        refusedLogins("publickey");
        httpRefusedLogins();
    }

    /** A file passed intake with this outcome (RECEIVED, DUPLICATE, UNKNOWN_SOURCE, EMPTY). */
    public void fileReceived(String source, String transport, String status) {
        Counter.builder(FILES_RECEIVED).description("Files taken in, by source, transport and intake outcome")
                .tag(TAG_SOURCE, source).tag(TAG_TRANSPORT, transport).tag(TAG_STATUS, status)
                .register(registry).increment();
    }

    /** An attempt's conversion ended with these row counts. */
    public void rowsConverted(String source, long accepted, long rejected) {
        Counter.builder(ROWS_ACCEPTED).description("Rows converted into events, by source").tag(TAG_SOURCE, source)
                .register(registry).increment(accepted);
        Counter.builder(ROWS_REJECTED).description("Rows rejected with their reasons, by source").tag(TAG_SOURCE, source)
                .register(registry).increment(rejected);
    }

    /** An attempt reached an outcome (STAGED, LOADED, FAILED) this long after it started. */
    public void batchCompleted(String source, String status, Duration duration) {
        Timer.builder(BATCH_DURATION).description("Time from the start of an import attempt to its outcome")
                .tag(TAG_SOURCE, source).tag(TAG_STATUS, status)
                .register(registry).record(duration);
    }

    /** An import attempt failed as a whole. */
    public void jobFailed(String source, String failureCode) {
        Counter.builder(JOB_FAILURES).description("Import attempts that failed as a whole, by source and failure code")
                .tag(TAG_SOURCE, source).tag(TAG_CODE, failureCode == null ? "UNKNOWN" : failureCode)
                .register(registry).increment();
    }

    /** An SFTP login was refused; {@code method} is "password" or "publickey". Called by the drop-box. */
    public void sftpLoginRefused(String method) {
        refusedLogins(method).increment();
    }

    /** A console or API sign-in was refused (wrong or unknown user or password). */
    public void httpLoginRefused() {
        httpRefusedLogins().increment();
    }

    private Counter httpRefusedLogins() {
        return Counter.builder(HTTP_LOGINS_REFUSED).description("Console and API sign-ins refused").register(registry);
    }

    Counter refusedLogins(String method) {
        return Counter.builder(SFTP_LOGINS_REFUSED).description("SFTP logins refused by the drop-box")
                .tag(TAG_METHOD, method).register(registry);
    }
}
