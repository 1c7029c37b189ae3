package org.tracehub.jobs.importjob;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The load job: loadStep → receiptStep for an attempt that the import job left STAGED because its
 * source loads on a schedule (the nightly sync starts it). Same parameters as the import job; its
 * own job instance per attempt, so a failed load can be retried on its own. The follow-up receipt
 * (LOADED, or FAILED with the reason) goes out on the completed topic like the first one.
 */
@Configuration(proxyBeanMethods = false)
public class LoadJobConfiguration {

    @Bean
    public Job loadJob(JobRepository jobRepository, Step loadStep, Step receiptStep, ImportFailureListener failureListener) {
        return new JobBuilder(ImportJobParameters.LOAD_JOB_NAME, jobRepository)
                .listener(failureListener)
                .start(loadStep)
                .next(receiptStep)
                .build();
    }
}
