package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.staging.StoreLoadLock;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.samples.SampleCorpus;

/**
 * The import job against real parts: an H2 file database migrated by Flyway (store and job
 * repository), an embedded Artemis broker, the built-in mapping specs and the sample corpus.
 * Batches are created as intake creates them: the file is archived under
 * {@code <data-dir>/archive/yyyy/MM/dd/<batchId>/} and a RECEIVED batch row is inserted.
 * The context (and with it the database and broker) is closed after each test class, before its
 * temporary data directory is removed.
 */
@SpringBootTest(classes = ImportJobTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ImportJobTestSupport {

    protected static final String SOURCE = "meat-wholesale-xj";
    protected static final String SAMPLE = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    protected static final String FILE_NAME = "交易明细_20261127.csv";
    protected static final Charset GB18030 = Charset.forName("GB18030");

    /** The sample's header row (row 2; row 1 is the report title). */
    protected static final String HEADER = "序号,交易凭证号,追溯码,交易时间,买方名称,买方信用代码,品名,重量(斤),单价(元/斤),检疫证号,肉品品质检验证号,进场批次号,产地";

    /** Rows 3..12 of the sample hold its ten records; these seven are accepted. */
    protected static final List<Long> ACCEPTED_ROWS = List.of(3L, 4L, 6L, 7L, 9L, 11L, 12L);

    /** A check on {@code trace_event} ({@link #withConstraint}) that makes the store refuse row 11's event, the sixth accepted. */
    protected static final String REFUSE_ROW_11 = "trace_code <> 'XJM2611270009'";

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    protected static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
    }

    @Autowired
    protected BatchRepository batches;

    @Autowired
    protected BatchErrorRepository errors;

    @Autowired
    protected TraceEventStore store;

    @Autowired
    protected HubStorage storage;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JobOperator jobOperator;

    @Autowired
    protected JobRepository jobRepository;

    @Autowired
    protected Job importJob;

    @Autowired
    protected ImportJobLauncher launcher;

    @Autowired
    protected ConnectionFactory connectionFactory;

    @Autowired
    protected Clock clock;

    @Autowired
    private javax.sql.DataSource pool;

    protected JobOperatorTestUtils jobs;

    /**
     * Each test starts from an empty store; Spring Batch's own tables keep their history (parameters are unique per batch),
     * and the job-metadata purge reads them all at its next run, as at its first.
     */
    @BeforeEach
    protected void emptyStore() {
        for (String table : List.of("trace_link", "trace_event", "staged_event", "rejected_row", "batch_error", "batch",
                "job_metadata_kept")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        runsAgedBehindThePurgesBack();
        jobs = new JobOperatorTestUtils(jobOperator, jobRepository);
        jobs.setJob(importJob);
    }

    /**
     * A test that sets runs' END_TIME back (Spring Batch writes the time they end) makes the job-metadata purge read every
     * instance at its next run, as at its first: its later runs read only the runs that ended since its last cutoff.
     */
    protected void runsAgedBehindThePurgesBack() {
        jdbc.sql("DELETE FROM job_metadata_purge_mark").update();
    }

    // --- creating batches as intake does -------------------------------------------------------

    /** Archives the sample export (GB18030, 10 records, a title row and a totals row) as a new batch. */
    protected String receiveSample() {
        return receiveSample(SOURCE);
    }

    /** The sample export as a new batch of the given source (one with the sample's spec). */
    protected String receiveSample(String source) {
        return receive(source, FILE_NAME, folder -> SampleCorpus.copyTo(SAMPLE, folder));
    }

    /** The elevator maintainer's XML sample (GBK, CRLF, 12 records of 15 lines from line 11): records begin on lines 11, 26 … 176. */
    protected static final String XML_SOURCE = "elevator-maint-husheng";
    protected static final String XML_SAMPLE = "elevator/elevator-maint-husheng/input/wb_maint_20261126.xml";
    protected static final String XML_FILE_NAME = "wb_maint_20261126.xml";
    protected static final Charset GBK = Charset.forName("GBK");

    /** The elevator maintainer's XML sample as a new batch, its text as given (GBK). */
    protected String receiveXml(String text) {
        return receive(XML_SOURCE, XML_FILE_NAME, text.getBytes(GBK));
    }

    /** The elevator maintainer's XML sample as text. */
    protected static String xmlSampleText() {
        return new String(SampleCorpus.bytes(XML_SAMPLE), GBK);
    }

    /** Archives the given bytes under the given original file name as a new batch. */
    protected String receive(String fileName, byte[] content) {
        return receive(SOURCE, fileName, content);
    }

    /** Archives the given bytes under the given original file name as a new batch of the given source. */
    protected String receive(String source, String fileName, byte[] content) {
        return receive(source, fileName, folder -> {
            try {
                Files.createDirectories(folder);
                return Files.write(folder.resolve(fileName), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String receive(String source, String fileName, java.util.function.Function<Path, Path> archive) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = BatchIds.next(now);
        Path folder = storage.archiveFolder(now, batchId);
        Path archived = archive.apply(storage.dataDir().resolve(folder));
        assertThat(archived.getFileName().toString()).isEqualTo(fileName);
        try {
            byte[] bytes = Files.readAllBytes(archived);
            NewBatch batch = new NewBatch(batchId, source, fileName, fileName, folder.resolve(fileName).toString(),
                    bytes.length, sha256(bytes), Transport.SFTP, now);
            assertThat(batches.insertReceived(batch)).as("content not received before").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batchId;
    }

    /** A record in the sample's layout with its own voucher and trace code; weight in 斤 and the two certificates as given. */
    protected static String record(int n, String weight, String quarantine, String quality) {
        return n + ",XJ2026112790" + n + ",XJM261127900" + n + ",2026/11/27 3:1" + n + ",上海联家超市有限公司,91310112087994932F,白条猪,"
                + weight + ",13.20," + quarantine + "," + quality + ",TZ2611260088,341122";
    }

    /** A CSV export in the sample's layout (title row, header row, then the given records), CRLF-separated. */
    protected static String export(String... records) {
        StringBuilder sb = new StringBuilder("西郊国际农产品交易中心 肉类交易明细（测试）\r\n").append(HEADER).append("\r\n");
        for (String r : records) {
            sb.append(r).append("\r\n");
        }
        return sb.toString();
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The sample's text, decoded from its GB18030 bytes. */
    protected static String sampleText() {
        return new String(SampleCorpus.bytes(SAMPLE), GB18030);
    }

    // --- running the job ---------------------------------------------------------------------

    /** Starts a new attempt as the launcher does, then runs the job through JobOperatorTestUtils. */
    protected JobExecution importNewAttempt(String batchId) throws Exception {
        int attempt = batches.startAttempt(batchId);
        return jobs.startJob(params(batchId, attempt));
    }

    protected static JobParameters params(String batchId, int attempt) {
        return new JobParametersBuilder()
                .addString(ImportJobParameters.BATCH_ID, batchId)
                .addLong(ImportJobParameters.ATTEMPT, (long) attempt)
                .toJobParameters();
    }

    protected static List<String> stepNames(JobExecution execution) {
        return steps(execution).stream().map(StepExecution::getStepName).toList();
    }

    protected static List<StepExecution> steps(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .sorted(java.util.Comparator.comparingLong(StepExecution::getId)).toList();
    }

    protected static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + stepNames(execution)));
    }

    protected interface Action {
        void run() throws Exception;
    }

    /** Runs the action while the table refuses rows that break the given condition (a real, deterministic database fault). */
    protected void withConstraint(String table, String condition, Action action) throws Exception {
        jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT test_fault CHECK (" + condition + ")").update();
        try {
            action.run();
        } finally {
            jdbc.sql("ALTER TABLE " + table + " DROP CONSTRAINT test_fault").update();
        }
    }

    /**
     * Runs the attempt's import on another thread, failing at row 11 (the store refuses its staged event), and the action
     * while its failure listener is held as it marks the batch FAILED (a {@link PausingTrigger} on that update): Spring
     * Batch has recorded the run FAILED already, the batch is still CONVERTING and its receipt not sent. Then lets the
     * listener go on and returns the run.
     */
    protected JobExecution failedImportHeldInItsFailureListener(String batchId, int attempt, Action whileHeld) throws Exception {
        PausingTrigger.installWhere(jdbc, "batch", "BEFORE UPDATE",
                row -> batchId.equals(row.get("ID")) && "FAILED".equals(String.valueOf(row.get("STATUS"))));
        try {
            CompletableFuture<JobExecution> run = new CompletableFuture<>();
            withConstraint("staged_event", "row_no <> 11", () -> {
                CompletableFuture.runAsync(() -> {
                    try {
                        run.complete(jobOperator.start(importJob, params(batchId, attempt)));
                    } catch (Exception | Error e) {
                        run.completeExceptionally(e);
                    }
                });
                PausingTrigger.awaitReached();
                try {
                    whileHeld.run();
                } finally {
                    PausingTrigger.release();
                }
                run.get(60, TimeUnit.SECONDS);
            });
            return run.get();
        } finally {
            PausingTrigger.remove(jdbc);
        }
    }

    /**
     * Turns a run back into what a killed process leaves: the execution and its last step STARTED without an end, the
     * batch CONVERTING.
     */
    protected void looksLikeAKilledProcess(JobExecution execution, String batchId) {
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?")
                .param(execution.getId()).update();
        long lastStep = count("SELECT MAX(STEP_EXECUTION_ID) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution.getId());
        jdbc.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL WHERE STEP_EXECUTION_ID = ?")
                .param(lastStep).update();
        jdbc.sql("UPDATE batch SET status = 'CONVERTING', failure_code = NULL, failure_message = NULL WHERE id = ?").param(batchId).update();
    }

    /** A run of the import job killed half-way: it stopped at row 11, and its execution and step say STARTED. */
    protected JobExecution killedHalfWay(String batchId) throws Exception {
        withConstraint("staged_event", "row_no <> 11", () -> importNewAttempt(batchId));
        JobExecution run = lastExecution(batchId, 1);
        looksLikeAKilledProcess(run, batchId);
        return run;
    }

    /** The sample with other trace codes and vouchers, so it is other content with other events. */
    protected static byte[] reExport(String codePrefix) {
        return sampleText().replace("XJM26112700", codePrefix).replace("XJ202611270", "XJ2026" + codePrefix.substring(5, 9) + "0")
                .getBytes(StandardCharsets.UTF_8);
    }

    // --- reading the store -------------------------------------------------------------------

    /** An event attempt 1 loaded that attempt 2 will not produce again (as after a spec change). */
    protected String addStaleEventOfAttempt1(String batchId) {
        String stale = "0123456789abcdef0123456789abcdef";
        jdbc.sql("INSERT INTO trace_event (event_id, record_key, trace_code, category, step, event_time, operator_uscc, operator_name, node_type, "
                        + "product_code, product_name, quantity, unit, origin, source_id, batch_id, attempt, row_no, payload, loaded_at) "
                        + "SELECT ?, ?, 'XJM-STALE', category, step, event_time, operator_uscc, operator_name, node_type, product_code, "
                        + "product_name, quantity, unit, origin, source_id, batch_id, attempt, 99, payload, loaded_at "
                        + "FROM trace_event WHERE batch_id = ? AND row_no = 3")
                .params(stale, "\u001fXJ-STALE", batchId).update();
        jdbc.sql("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, 'XJM-STALE', 'TZ-STALE')").param(stale).update();
        return stale;
    }

    protected Batch batch(String id) {
        return batches.findById(id).orElseThrow();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    protected long traceEvents() {
        return count("SELECT COUNT(*) FROM trace_event");
    }

    /** What {@link #provenance} holds when the store has the sample's accepted rows from the given attempt. */
    protected static List<List<Long>> acceptedRowsOf(long attempt) {
        return ACCEPTED_ROWS.stream().map(r -> List.of(r, attempt)).toList();
    }

    /** The latest import execution of a batch's attempt. */
    protected JobExecution lastExecution(String batchId, int attempt) {
        return jobRepository.getLastJobExecution(ImportJobParameters.JOB_NAME, params(batchId, attempt));
    }

    /** (row, attempt) of every loaded event of a batch, in row order. */
    protected List<List<Long>> provenance(String batchId) {
        return jdbc.sql("SELECT row_no, attempt FROM trace_event WHERE batch_id = ? ORDER BY row_no").param(batchId)
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).list();
    }

    // --- the completed topic -----------------------------------------------------------------

    /**
     * A non-durable subscription to {@code hub.batch.completed} for one batch (by the JMS property),
     * on its own connection. Subscribe before the job runs: a topic keeps nothing for late subscribers.
     */
    protected CompletedTopic subscribe(String batchId) throws JMSException {
        ConnectionFactory target = connectionFactory instanceof SingleConnectionFactory single
                && single.getTargetConnectionFactory() != null ? single.getTargetConnectionFactory() : connectionFactory;
        return new CompletedTopic(target, batchId);
    }

    protected static final class CompletedTopic implements AutoCloseable {

        private final Connection connection;
        private final MessageConsumer consumer;

        CompletedTopic(ConnectionFactory factory, String batchId) throws JMSException {
            connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createTopic(BatchMessaging.BATCH_COMPLETED_TOPIC),
                    BatchMessaging.BATCH_ID_PROPERTY + " = '" + batchId + "'");
            connection.start();
        }

        /** The next message for the batch; fails when none comes within the timeout. */
        public TextMessage next(Duration timeout) throws JMSException {
            Message m = consumer.receive(timeout.toMillis());
            assertThat(m).as("a message on " + BatchMessaging.BATCH_COMPLETED_TOPIC).isInstanceOf(TextMessage.class);
            return (TextMessage) m;
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a job on a thread of its own, its outcome in {@code result}. */
    protected static Thread running(String name, Callable<JobExecution> job, CompletableFuture<JobExecution> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(job.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.start();
        return thread;
    }

    /** The pool's connections in use now (a step's, a query's, a waiting claim's). */
    protected int activeConnections() throws java.sql.SQLException {
        return pool.unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
    }

    /** Whether the thread waits for the store's load lock (another load holds it). */
    protected static boolean waitingForTheStore(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(StoreLoadLock.class.getName()));
    }
}
