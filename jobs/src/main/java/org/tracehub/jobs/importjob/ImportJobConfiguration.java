package org.tracehub.jobs.importjob;

import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StoreLoadLock;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.event.EventRules;

/**
 * The import job, one execution per batch attempt:
 * convertStep (read, map, validate, stage) → stageStep (counts, reject threshold, what next)
 * → loadStep (on-arrival sources) → receiptStep (the completed topic → receipt).
 * The load and receipt steps are also the load job's ({@link LoadJobConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaderSettings.class)
public class ImportJobConfiguration {

    public static final String CONVERT_STEP = "convertStep";
    public static final String STAGE_STEP = "stageStep";
    public static final String LOAD_STEP = "loadStep";
    public static final String RECEIPT_STEP = "receiptStep";

    private static final String BATCH_ID = "#{jobParameters['" + ImportJobParameters.BATCH_ID + "']}";
    private static final String ATTEMPT = "#{jobParameters['" + ImportJobParameters.ATTEMPT + "']}";
    private static final String CHUNK_SIZE = "${hub.jobs.chunk-size:500}";
    private static final String LOAD_TRANSACTION_SIZE = "${hub.jobs.load-transaction-size:20000}";

    @Bean
    public Job importJob(JobRepository jobRepository, Step convertStep, Step stageStep, Step loadStep, Step receiptStep,
                         ImportFailureListener failureListener) {
        return new JobBuilder(ImportJobParameters.JOB_NAME, jobRepository)
                .listener(failureListener)
                .start(convertStep)
                .next(stageStep)
                .on(StageOutcomeTasklet.LOAD).to(loadStep).next(receiptStep)
                // a stage step that failed decided nothing: the job fails (the listener marks the batch and reports),
                // and a restart stages again; only its decisions WAIT and REJECTED go straight to the receipt
                .from(stageStep).on(ExitStatus.FAILED.getExitCode()).fail()
                .from(stageStep).on("*").to(receiptStep)
                .end()
                .build();
    }

    @Bean
    public Step convertStep(JobRepository jobRepository, PlatformTransactionManager tx, ConvertingReader convertingReader,
                            ConvertedRowWriter convertedRowWriter) {
        // a chunk is one run of up to hub.jobs.chunk-size rows, fewer when they are wide (PreparedRows): Batch 6's chunk step ends a
        // chunk only by its count of items
        return new StepBuilder(CONVERT_STEP, jobRepository)
                .<PreparedRows, PreparedRows>chunk(1)
                .transactionManager(tx)
                .reader(convertingReader)
                .writer(convertedRowWriter)
                .build();
    }

    @Bean
    public Step stageStep(JobRepository jobRepository, PlatformTransactionManager tx, StageOutcomeTasklet stageOutcomeTasklet) {
        return new StepBuilder(STAGE_STEP, jobRepository).tasklet(stageOutcomeTasklet, tx).build();
    }

    /** A tasklet, not chunks: a reprocess goes into the store in one transaction, a first load in several ({@link StoreLoadTasklet}). */
    @Bean
    public Step loadStep(JobRepository jobRepository, PlatformTransactionManager tx, StoreLoadTasklet storeLoadTasklet,
                         StoreLoadLock lock) {
        // a load queued behind another waits for its turn before its transaction takes a pooled connection
        return new StepBuilder(LOAD_STEP, jobRepository).tasklet(storeLoadTasklet, lock.turnFirst(tx)).build();
    }

    @Bean
    public Step receiptStep(JobRepository jobRepository, PlatformTransactionManager tx, Tasklet receiptTasklet) {
        return new StepBuilder(RECEIPT_STEP, jobRepository).tasklet(receiptTasklet, tx).build();
    }

    @Bean
    @StepScope
    public ConvertingReader convertingReader(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                             BatchRepository batches, SpecCatalog catalog, HubStorage storage, EventRules rules,
                                             LiveProgress progress, ReaderSettings readerSettings,
                                             @Value(CHUNK_SIZE) int chunkSize) {
        Batch batch = batches.findById(batchId).orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        // the spec in use as the step starts; a restart that finds another one does not resume with it (ConvertingReader.open)
        MappingSpec spec = catalog.source(batch.sourceId()).orElseThrow(() -> SpecUnavailableException.missing(batch.sourceId()));
        FileSpec fileSpec = spec.fileSpecFor(batch.fileName()).orElseThrow(
                () -> SpecUnavailableException.notForFile(batch.sourceId(), batch.fileName()));
        Path file = storage.resolve(batch.archivePath());
        return new ConvertingReader(spec, fileSpec, file, new ConversionContext(batch.sourceId(), batchId, attempt.intValue()), rules,
                progress, readerSettings.limits(), chunkSize, batches);
    }

    @Bean
    @StepScope
    public ConvertedRowWriter convertedRowWriter(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                                 StagedEventRepository staged, BatchErrorRepository errors, DiskFloor diskFloor) {
        return new ConvertedRowWriter(batchId, attempt.intValue(), staged, errors, diskFloor);
    }

    @Bean
    @StepScope
    public StageOutcomeTasklet stageOutcomeTasklet(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                                   BatchRepository batches, BatchErrorRepository errors,
                                                   StagedEventRepository staged, SpecCatalog catalog, JobRepository jobRepository,
                                                   BatchAttempts attempts, JdbcClient jdbc) {
        Batch batch = batches.findById(batchId).orElseThrow();
        // the spec only for a convert step recorded before the attempt kept its spec's threshold and load mode
        return new StageOutcomeTasklet(batchId, attempt.intValue(), () -> catalog.source(batch.sourceId()).orElseThrow(
                () -> SpecUnavailableException.missing(batch.sourceId())), batches, errors, staged, jobRepository, attempts, jdbc);
    }

    @Bean
    @StepScope
    public StoreLoadTasklet storeLoadTasklet(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                             @Value(CHUNK_SIZE) int pageSize, @Value(LOAD_TRANSACTION_SIZE) int transactionSize,
                                             StagedEventRepository staged,
                                             TraceEventStore store, BatchRepository batches, BatchErrorRepository errors,
                                             BatchAttempts attempts, StoreLoadLock lock, LiveProgress progress,
                                             RefusedRowCells refusedRowCells, DiskFloor diskFloor, PlatformTransactionManager tx,
                                             SpecCatalog catalog) {
        int pagesPerTransaction = Math.max(1, (transactionSize + pageSize - 1) / pageSize);
        return new StoreLoadTasklet(batchId, attempt.intValue(), pageSize, pagesPerTransaction, staged, store, batches, errors,
                attempts, lock, progress, refusedRowCells, diskFloor, tx, keyColumns(batches, catalog, batchId));
    }

    /**
     * The key columns of the batch's file kind, for the load's warnings to name: the spec as it is now, which names the
     * staged keys' values only while the key is the one they were made with, so a key of another length names none.
     */
    private static List<String> keyColumns(BatchRepository batches, SpecCatalog catalog, String batchId) {
        return batches.findById(batchId)
                .flatMap(b -> catalog.source(b.sourceId()).flatMap(spec -> spec.fileSpecFor(b.fileName())))
                .map(FileSpec::key)
                .orElse(List.of());
    }

    @Bean
    @StepScope
    public Tasklet receiptTasklet(@Value(BATCH_ID) String batchId, BatchReporter reporter) {
        return (contribution, context) -> {
            reporter.report(batchId);
            return RepeatStatus.FINISHED;
        };
    }
}
