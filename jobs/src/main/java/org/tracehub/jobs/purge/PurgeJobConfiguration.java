package org.tracehub.jobs.purge;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.storage.HubStorage;

/**
 * The purge job: purgeStagingStep (staged events no load or retry needs any more) →
 * purgeSupersededProblemsStep (row problems of attempts a later loaded attempt replaced) → purgeArchivesStep
 * (originals past the retention) → purgeReceiptsStep (receipts long since fetched from the outboxes) →
 * purgeInboxLeftoversStep (uploads never taken in, left in the inboxes) → purgeJobMetadataStep (old job runs).
 * Started daily by {@link PurgeScheduler}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeSettings.class)
public class PurgeJobConfiguration {

    private static final String RUN_AT = "#{jobParameters['" + PurgeParameters.RUN_AT + "']}";

    @Bean
    public Job purgeJob(JobRepository jobRepository, Step purgeStagingStep, Step purgeSupersededProblemsStep, Step purgeArchivesStep,
                        Step purgeReceiptsStep, Step purgeInboxLeftoversStep, Step purgeJobMetadataStep) {
        return new JobBuilder(PurgeParameters.JOB_NAME, jobRepository)
                .start(purgeStagingStep)
                .next(purgeSupersededProblemsStep)
                .next(purgeArchivesStep)
                .next(purgeReceiptsStep)
                .next(purgeInboxLeftoversStep)
                .next(purgeJobMetadataStep)
                .build();
    }

    @Bean
    public Step purgeStagingStep(JobRepository jobRepository, PlatformTransactionManager tx, StagingPurgeTasklet stagingPurgeTasklet) {
        return new StepBuilder(PurgeParameters.STAGING_STEP, jobRepository).tasklet(stagingPurgeTasklet, tx).build();
    }

    @Bean
    public Step purgeSupersededProblemsStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                            SupersededProblemsPurgeTasklet supersededProblemsPurgeTasklet) {
        return new StepBuilder(PurgeParameters.SUPERSEDED_PROBLEMS_STEP, jobRepository).tasklet(supersededProblemsPurgeTasklet, tx)
                .build();
    }

    @Bean
    public Step purgeArchivesStep(JobRepository jobRepository, PlatformTransactionManager tx, ArchivePurgeTasklet archivePurgeTasklet) {
        return new StepBuilder(PurgeParameters.ARCHIVE_STEP, jobRepository).tasklet(archivePurgeTasklet, tx).build();
    }

    @Bean
    public Step purgeReceiptsStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                  DropBoxFilePurgeTasklet receiptPurgeTasklet) {
        return new StepBuilder(PurgeParameters.RECEIPT_STEP, jobRepository).tasklet(receiptPurgeTasklet, tx).build();
    }

    @Bean
    public Step purgeInboxLeftoversStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                        DropBoxFilePurgeTasklet inboxLeftoverPurgeTasklet) {
        return new StepBuilder(PurgeParameters.INBOX_LEFTOVER_STEP, jobRepository).tasklet(inboxLeftoverPurgeTasklet, tx).build();
    }

    @Bean
    public Step purgeJobMetadataStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                     JobMetadataPurgeTasklet jobMetadataPurgeTasklet) {
        return new StepBuilder(PurgeParameters.JOB_METADATA_STEP, jobRepository).tasklet(jobMetadataPurgeTasklet, tx).build();
    }

    @Bean
    @StepScope
    StagingPurgeTasklet stagingPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, BatchRetention retention,
                                            StagedEventRepository staged, JobRepository jobRepository, JobOperator jobOperator) {
        return new StagingPurgeTasklet(OffsetDateTime.parse(runAt).minus(settings.stagingAge()), retention, staged, jobRepository,
                jobOperator);
    }

    @Bean
    @StepScope
    SupersededProblemsPurgeTasklet supersededProblemsPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings,
                                                                  BatchRetention retention, BatchErrorRepository errors) {
        return new SupersededProblemsPurgeTasklet(OffsetDateTime.parse(runAt).minus(settings.supersededProblemsRetention()), retention,
                errors);
    }

    @Bean
    @StepScope
    ArchivePurgeTasklet archivePurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, BatchRetention retention,
                                            HubStorage storage) {
        return new ArchivePurgeTasklet(OffsetDateTime.parse(runAt).minus(settings.archiveRetention()), retention, storage);
    }

    @Bean
    @StepScope
    DropBoxFilePurgeTasklet receiptPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, HubStorage storage) {
        return DropBoxFilePurgeTasklet.receipts(OffsetDateTime.parse(runAt).minus(settings.receiptRetention()), storage);
    }

    @Bean
    @StepScope
    DropBoxFilePurgeTasklet inboxLeftoverPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, HubStorage storage) {
        return DropBoxFilePurgeTasklet.inboxLeftovers(OffsetDateTime.parse(runAt).minus(settings.inboxLeftoverRetention()), storage);
    }

    /** Spring Batch writes its times as local date-times of the JVM's zone. */
    @Bean
    @StepScope
    JobMetadataPurgeTasklet jobMetadataPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, JdbcClient jdbc,
                                                    JobRepository jobRepository, BatchRepository batches) {
        return new JobMetadataPurgeTasklet(OffsetDateTime.parse(runAt).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime()
                .minus(settings.jobMetadataAge()), jdbc, jobRepository, batches);
    }
}
