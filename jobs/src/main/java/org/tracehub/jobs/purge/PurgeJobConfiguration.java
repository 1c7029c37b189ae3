package org.tracehub.jobs.purge;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.JobFlowBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StagedPayloadFiles;
import org.tracehub.platform.storage.HubStorage;

/**
 * The purge job: purgeClockCheckStep (refuses the whole run when the clock is too far ahead of the last run's:
 * {@link ClockCheckTasklet}) → purgeStagingStep (staged events no load or retry needs any more) →
 * purgeSupersededProblemsStep (row problems of attempts a later loaded attempt replaced) → purgeArchivesStep
 * (originals past the retention) → purgeReceiptsStep (receipts long since fetched from the outboxes) →
 * purgeInboxLeftoversStep (uploads never taken in, left in the inboxes) → purgeAuditLogStep (audit log entries past
 * the audit retention) → purgePullFetchedStep (records of files fetched by moving or deleting pulls, past the archive
 * retention) → purgeJobMetadataStep (old job runs), each going on to the next whatever its outcome ({@link PurgeOutcome}). Started daily by {@link PurgeScheduler}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeSettings.class)
public class PurgeJobConfiguration {

    private static final String RUN_AT = "#{jobParameters['" + PurgeParameters.RUN_AT + "']}";
    private static final String ANY = "*";

    /**
     * Every step goes on to the next whatever its outcome: the kinds of purge are independent, and one that fails (a
     * database error) must not keep the others from running night after night. {@link PurgeOutcome} then decides what the
     * run reports: FAILED when a step failed, {@value PurgeParameters#FILES_NOT_DELETED} when files could not be deleted.
     */
    @Bean
    public Job purgeJob(JobRepository jobRepository, Step purgeClockCheckStep, Step purgeStagingStep, Step purgeSupersededProblemsStep,
                        Step purgeArchivesStep, Step purgeReceiptsStep, Step purgeInboxLeftoversStep, Step purgeAuditLogStep,
                        Step purgePullFetchedStep, Step purgeJobMetadataStep, PurgeOutcome purgeOutcome) {
        List<Step> steps = List.of(purgeStagingStep, purgeSupersededProblemsStep, purgeArchivesStep, purgeReceiptsStep,
                purgeInboxLeftoversStep, purgeAuditLogStep, purgePullFetchedStep, purgeJobMetadataStep);
        JobFlowBuilder flow = new JobBuilder(PurgeParameters.JOB_NAME, jobRepository)
                .listener(purgeOutcome)
                .flow(purgeClockCheckStep);
        // a refused run deletes nothing: no step after the check runs
        flow.from(purgeClockCheckStep).on(PurgeParameters.CLOCK_AHEAD).fail();
        flow.from(purgeClockCheckStep).on(ANY).to(steps.get(0));
        for (int i = 0; i < steps.size() - 1; i++) {
            flow.from(steps.get(i)).on(ANY).to(steps.get(i + 1));
        }
        flow.from(steps.get(steps.size() - 1)).on(ANY).to(purgeOutcome);
        flow.from(purgeOutcome).on(FlowExecutionStatus.FAILED.getName()).fail();
        flow.from(purgeOutcome).on(PurgeParameters.FILES_NOT_DELETED).end(PurgeParameters.FILES_NOT_DELETED);
        flow.from(purgeOutcome).on(ANY).end();
        return flow.end().build();
    }

    @Bean
    PurgeOutcome purgeOutcome() {
        return new PurgeOutcome();
    }

    @Bean
    public Step purgeClockCheckStep(JobRepository jobRepository, PlatformTransactionManager tx, ClockCheckTasklet clockCheckTasklet,
                                    PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.CLOCK_CHECK_STEP, clockCheckTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeAuditLogStep(JobRepository jobRepository, PlatformTransactionManager tx, RowPurgeTasklet auditLogPurgeTasklet,
                                  PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.AUDIT_LOG_STEP, auditLogPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgePullFetchedStep(JobRepository jobRepository, PlatformTransactionManager tx, RowPurgeTasklet pullFetchedPurgeTasklet,
                                     PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.PULL_FETCHED_STEP, pullFetchedPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeStagingStep(JobRepository jobRepository, PlatformTransactionManager tx, StagingPurgeTasklet stagingPurgeTasklet,
                                 PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.STAGING_STEP, stagingPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeSupersededProblemsStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                            SupersededProblemsPurgeTasklet supersededProblemsPurgeTasklet, PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.SUPERSEDED_PROBLEMS_STEP, supersededProblemsPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeArchivesStep(JobRepository jobRepository, PlatformTransactionManager tx, ArchivePurgeTasklet archivePurgeTasklet,
                                  PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.ARCHIVE_STEP, archivePurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeReceiptsStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                  DropBoxFilePurgeTasklet receiptPurgeTasklet, PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.RECEIPT_STEP, receiptPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeInboxLeftoversStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                        DropBoxFilePurgeTasklet inboxLeftoverPurgeTasklet, PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.INBOX_LEFTOVER_STEP, inboxLeftoverPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    @Bean
    public Step purgeJobMetadataStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                     JobMetadataPurgeTasklet jobMetadataPurgeTasklet, PurgeOutcome purgeOutcome) {
        return step(PurgeParameters.JOB_METADATA_STEP, jobMetadataPurgeTasklet, jobRepository, tx, purgeOutcome);
    }

    /** A purge step: its tasklet in transactions of the step, and its outcome (files it could not delete) in its exit status. */
    private static Step step(String name, Tasklet tasklet, JobRepository jobRepository, PlatformTransactionManager tx,
                             PurgeOutcome purgeOutcome) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, tx).listener((StepExecutionListener) purgeOutcome).build();
    }

    @Bean
    @StepScope
    ClockCheckTasklet clockCheckTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, JdbcClient jdbc) {
        return new ClockCheckTasklet(OffsetDateTime.parse(runAt), settings, jdbc);
    }

    @Bean
    @StepScope
    RowPurgeTasklet auditLogPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, JdbcClient jdbc) {
        return RowPurgeTasklet.auditLog(OffsetDateTime.parse(runAt).minus(settings.auditRetention()), jdbc);
    }

    /** Without the hub's pull settings (the jobs module alone), no source's records are forgotten. */
    @Bean
    @StepScope
    RowPurgeTasklet pullFetchedPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings,
                                            ObjectProvider<PullFetchedSources> sources, JdbcClient jdbc) {
        return RowPurgeTasklet.pullFetched(OffsetDateTime.parse(runAt).minus(settings.archiveRetention()),
                sources.getIfAvailable(() -> Set::of), jdbc);
    }

    @Bean
    @StepScope
    StagingPurgeTasklet stagingPurgeTasklet(@Value(RUN_AT) String runAt, PurgeSettings settings, BatchRetention retention,
                                            StagedEventRepository staged, StagedPayloadFiles files, JobRepository jobRepository,
                                            JobOperator jobOperator, PlatformTransactionManager tx) {
        return new StagingPurgeTasklet(OffsetDateTime.parse(runAt).minus(settings.stagingAge()), retention, staged, files,
                jobRepository, jobOperator, tx);
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
                                            HubStorage storage, PlatformTransactionManager tx) {
        return new ArchivePurgeTasklet(OffsetDateTime.parse(runAt).minus(settings.archiveRetention()), retention, storage, tx);
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
                                                    InsertIfAbsent inserts, JobRepository jobRepository, BatchRepository batches) {
        OffsetDateTime at = OffsetDateTime.parse(runAt);
        return new JobMetadataPurgeTasklet(at.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime()
                .minus(settings.jobMetadataAge()), at, new JobMetadataCandidates(jdbc, inserts), jobRepository, batches);
    }
}
