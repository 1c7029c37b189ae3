package org.tracehub.jobs.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.tracehub.jobs.messaging.JobMessageSender;
import org.tracehub.platform.batch.BatchActivityQuery;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StoreLoadLock;

/**
 * The nightly sync job: loadStagedBatchesStep (a load job per staged batch of the nightly sources)
 * → requestPullsStep (routes pull the sources that have a pull) → syncSummaryStep (log, metrics,
 * {@code hub.sync.completed}). Started by {@link NightlySyncScheduler} on its crons.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NightlySyncSettings.class)
public class NightlySyncJobConfiguration {

    private static final String RUN_AT = "#{jobParameters['" + NightlySyncParameters.RUN_AT + "']}";
    private static final String SOURCES = "#{jobParameters['" + NightlySyncParameters.SOURCES + "']}";

    @Bean
    public Job nightlySyncJob(JobRepository jobRepository, Step loadStagedBatchesStep, Step requestPullsStep, Step syncSummaryStep) {
        return new JobBuilder(NightlySyncParameters.JOB_NAME, jobRepository)
                .start(loadStagedBatchesStep)
                .next(requestPullsStep)
                .next(syncSummaryStep)
                .build();
    }

    /**
     * Runs other jobs, each with its own transactions: this step must not hold one around them (it
     * would take their work into it, and the job repository refuses to start a job inside one).
     */
    @Bean
    public Step loadStagedBatchesStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                      StagedBatchLoadTasklet stagedBatchLoadTasklet) {
        return new StepBuilder(NightlySyncParameters.LOAD_STAGED_STEP, jobRepository)
                .tasklet(stagedBatchLoadTasklet, tx)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    @Bean
    public Step requestPullsStep(JobRepository jobRepository, PlatformTransactionManager tx, PullRequestTasklet pullRequestTasklet) {
        return new StepBuilder(NightlySyncParameters.REQUEST_PULLS_STEP, jobRepository).tasklet(pullRequestTasklet, tx).build();
    }

    @Bean
    public Step syncSummaryStep(JobRepository jobRepository, PlatformTransactionManager tx, SyncSummaryTasklet syncSummaryTasklet) {
        return new StepBuilder(NightlySyncParameters.SUMMARY_STEP, jobRepository).tasklet(syncSummaryTasklet, tx).build();
    }

    @Bean
    @StepScope
    StagedBatchLoadTasklet stagedBatchLoadTasklet(@Value(SOURCES) String sources, SyncSources syncSources, BatchAttempts attempts,
                                                  BatchRepository batches, JobOperator jobOperator, Job loadJob,
                                                  JobRepository jobRepository, StoreLoadLock loadLock,
                                                  PlatformTransactionManager tx) {
        return new StagedBatchLoadTasklet(syncSources.resolve(sources), syncSources, attempts, batches, jobOperator, loadJob,
                jobRepository, loadLock, tx);
    }

    @Bean
    @StepScope
    PullRequestTasklet pullRequestTasklet(@Value(SOURCES) String sources, SyncSources syncSources, JobMessageSender messages) {
        return new PullRequestTasklet(syncSources.resolve(sources), syncSources, messages);
    }

    @Bean
    @StepScope
    SyncSummaryTasklet syncSummaryTasklet(@Value(RUN_AT) String runAt, @Value(SOURCES) String sources, SyncSources syncSources,
                                          NightlySyncSettings settings, BatchActivityQuery activity, JobRepository jobRepository,
                                          JobMessageSender messages, MeterRegistry meters) {
        return new SyncSummaryTasklet(OffsetDateTime.parse(runAt), sources, syncSources.resolve(sources), settings.summaryWindow(),
                syncSources, activity, jobRepository, messages, meters);
    }
}
