package org.tracehub.jobs.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records, as every job of the hub starts, which node runs the execution ({@link HubNodes#recordOwner}), and keeps count
 * of the executions this process runs ({@link ExecutionsRunningHere}): the jobs are given the listener here, once, rather
 * than in each job's definition, so that a job added later is not forgotten.
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionOwners {

    private static final Logger log = LoggerFactory.getLogger(ExecutionOwners.class);

    /** Static, and the store looked up only when a job starts: a post-processor is made before the beans it sees. */
    @Bean
    static BeanPostProcessor executionOwnerRecording(ObjectProvider<HubNodes> nodes, ObjectProvider<HubNode> node,
                                                     ObjectProvider<ExecutionsRunningHere> runningHere,
                                                     ObjectProvider<RunningJobsStop> hubStop) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(new JobExecutionListener() {
                        @Override
                        public void beforeJob(JobExecution execution) {
                            // counted as running here before it is recorded as this node's: a recorded run of this node
                            // that does not run here is one whose end the database refused
                            runningHere.getObject().started(execution);
                            record(nodes.getObject(), node.getObject(), execution);
                            whenTheJobReturns(execution, runningHere.getObject());
                            hubStop.getObject().askIfStopping(execution);
                        }
                    });
                }
                return bean;
            }
        };
    }

    /**
     * Has the run counted as returned once Spring Batch releases its job context, its last act: after every listener's
     * {@code afterJob} and the final update of the execution, also when one of them threw. Not in an {@code afterJob} of
     * this listener: registered after the job's own, Spring Batch tells it first, and a stop that waited for it let the
     * JVM exit while {@code ImportFailureListener} was still failing the batch and sending its receipt.
     */
    static void whenTheJobReturns(JobExecution execution, ExecutionsRunningHere runningHere) {
        JobContext context = JobSynchronizationManager.getContext();
        if (context == null || context.getJobExecution() != execution) {
            // AbstractJob.execute registers the run's context before it tells the listeners; without one nothing would
            // ever count the run as returned, and every stop would wait its whole timeout for it
            runningHere.returned(execution);
            return;
        }
        context.registerDestructionCallback(ExecutionOwners.class.getName(), () -> runningHere.returned(execution));
    }

    static void record(HubNodes nodes, HubNode node, JobExecution execution) {
        try {
            nodes.recordOwner(execution.getId(), node.id());
        } catch (RuntimeException e) {
            // not a reason to refuse the run: an execution no node recorded is recovered as a legacy one (see the README)
            log.warn("could not record node {} as the runner of {} execution {}: {}", node.id(),
                    execution.getJobInstance().getJobName(), execution.getId(), e.toString());
        }
    }
}
