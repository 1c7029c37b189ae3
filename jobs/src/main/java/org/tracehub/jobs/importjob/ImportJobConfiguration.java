package org.tracehub.jobs.importjob;

import java.nio.file.Path;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.event.EventRules;

/**
 * The import job, one execution per batch attempt:
 * convertStep (read, map, validate, stage) → stageStep (counts, reject threshold, what next)
 * → loadStep → loadCommitStep (on-arrival sources) → reportStep (the completed topic → receipt).
 */
@Configuration(proxyBeanMethods = false)
public class ImportJobConfiguration {

    static final String CONVERT_STEP = "convertStep";
    static final String STAGE_STEP = "stageStep";
    static final String LOAD_STEP = "loadStep";
    static final String LOAD_COMMIT_STEP = "loadCommitStep";
    static final String REPORT_STEP = "reportStep";

    private static final String BATCH_ID = "#{jobParameters['" + ImportJobParameters.BATCH_ID + "']}";
    private static final String ATTEMPT = "#{jobParameters['" + ImportJobParameters.ATTEMPT + "']}";

    @Bean
    public Job importJob(JobRepository jobRepository, Step convertStep, Step stageStep, Step loadStep, Step loadCommitStep,
                         Step reportStep, ImportFailureListener failureListener) {
        return new JobBuilder(ImportJobParameters.JOB_NAME, jobRepository)
                .listener(failureListener)
                .start(convertStep)
                .next(stageStep)
                .on(StageOutcomeTasklet.LOAD).to(loadStep).next(loadCommitStep).next(reportStep)
                .from(stageStep).on("*").to(reportStep)
                .end()
                .build();
    }

    @Bean
    public Step convertStep(JobRepository jobRepository, PlatformTransactionManager tx, ConvertingReader convertingReader,
                            ConvertedRowWriter convertedRowWriter, @Value("${hub.jobs.chunk-size:500}") int chunkSize) {
        return new StepBuilder(CONVERT_STEP, jobRepository)
                .<ConvertedRow, ConvertedRow>chunk(chunkSize)
                .transactionManager(tx)
                .reader(convertingReader)
                .writer(convertedRowWriter)
                .build();
    }

    @Bean
    public Step stageStep(JobRepository jobRepository, PlatformTransactionManager tx, StageOutcomeTasklet stageOutcomeTasklet) {
        return new StepBuilder(STAGE_STEP, jobRepository).tasklet(stageOutcomeTasklet, tx).build();
    }

    @Bean
    public Step loadStep(JobRepository jobRepository, PlatformTransactionManager tx, StagedEventReader stagedEventReader,
                         TraceEventWriter traceEventWriter, @Value("${hub.jobs.chunk-size:500}") int chunkSize) {
        return new StepBuilder(LOAD_STEP, jobRepository)
                .<StagedEvent, StagedEvent>chunk(chunkSize)
                .transactionManager(tx)
                .reader(stagedEventReader)
                .writer(traceEventWriter)
                .build();
    }

    @Bean
    public Step loadCommitStep(JobRepository jobRepository, PlatformTransactionManager tx, Tasklet loadCommitTasklet) {
        return new StepBuilder(LOAD_COMMIT_STEP, jobRepository).tasklet(loadCommitTasklet, tx).build();
    }

    @Bean
    public Step reportStep(JobRepository jobRepository, PlatformTransactionManager tx, Tasklet reportTasklet) {
        return new StepBuilder(REPORT_STEP, jobRepository).tasklet(reportTasklet, tx).build();
    }

    @Bean
    @StepScope
    public ConvertingReader convertingReader(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                             BatchRepository batches, SpecCatalog catalog, HubStorage storage, EventRules rules) {
        Batch batch = batches.findById(batchId).orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        MappingSpec spec = catalog.source(batch.sourceId()).orElseThrow(
                () -> new IllegalStateException("no mapping spec for source " + batch.sourceId()));
        FileSpec fileSpec = spec.fileSpecFor(batch.fileName()).orElseThrow(
                () -> new IllegalStateException("no file kind of " + batch.sourceId() + " matches " + batch.fileName()));
        Path file = storage.resolve(batch.archivePath());
        return new ConvertingReader(spec, fileSpec, file, new ConversionContext(batch.sourceId(), batchId, attempt.intValue()), rules);
    }

    @Bean
    @StepScope
    public ConvertedRowWriter convertedRowWriter(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                                 StagedEventRepository staged, BatchErrorRepository errors) {
        return new ConvertedRowWriter(batchId, attempt.intValue(), staged, errors);
    }

    @Bean
    @StepScope
    public StageOutcomeTasklet stageOutcomeTasklet(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                                   BatchRepository batches, BatchErrorRepository errors,
                                                   StagedEventRepository staged, SpecCatalog catalog) {
        Batch batch = batches.findById(batchId).orElseThrow();
        return new StageOutcomeTasklet(batchId, attempt.intValue(), catalog.source(batch.sourceId()).orElseThrow(),
                batches, errors, staged);
    }

    @Bean
    @StepScope
    public StagedEventReader stagedEventReader(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                               StagedEventRepository staged, @Value("${hub.jobs.chunk-size:500}") int pageSize) {
        return new StagedEventReader(staged, batchId, attempt.intValue(), pageSize);
    }

    @Bean
    @StepScope
    public TraceEventWriter traceEventWriter(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt,
                                             TraceEventStore store) {
        return new TraceEventWriter(store, batchId, attempt.intValue());
    }

    @Bean
    @StepScope
    public Tasklet loadCommitTasklet(@Value(BATCH_ID) String batchId, @Value(ATTEMPT) Long attempt, TraceEventStore store,
                                     StagedEventRepository staged, BatchRepository batches) {
        return (contribution, context) -> {
            // events of an earlier attempt that this attempt no longer produced leave the store with it
            store.removeEventsOfOtherAttempts(batchId, attempt.intValue());
            staged.deleteOtherAttempts(batchId, attempt.intValue());
            batches.markLoaded(batchId, attempt.intValue());
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    @StepScope
    public Tasklet reportTasklet(@Value(BATCH_ID) String batchId, BatchReporter reporter) {
        return (contribution, context) -> {
            reporter.report(batchId);
            return RepeatStatus.FINISHED;
        };
    }
}
