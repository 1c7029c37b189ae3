package org.tracehub.skiprestart;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A twelve-item job with chunks of three whose reader, processor and writer fail on chosen items:
 * {@link BadRow} is skippable (a bad row), {@link DatabaseDown} is not (the step fails and is
 * restarted once it is "fixed"). Output rows go to the table {@code matrix_out} in the chunk's
 * transaction, so the table shows exactly what was committed. The faults come from {@link Faults}.
 */
@Configuration(proxyBeanMethods = false)
public class SkipRestartMatrixJobConfiguration {

    static final String JOB = "skipRestartMatrixJob";
    static final String STEP = "matrixStep";
    static final String SCENARIO = "scenario";
    static final int CHUNK = 3;
    static final List<String> ITEMS = IntStream.rangeClosed(1, 12).mapToObj(Integer::toString).toList();

    /** A row that is bad in itself: skipped with a reason. */
    static class BadRow extends RuntimeException {
        BadRow(String item, String where) {
            super("item " + item + " is bad in " + where);
        }
    }

    /** Not the row's fault: the step fails, and is restarted when the cause is gone. */
    static class DatabaseDown extends RuntimeException {
        DatabaseDown(String item) {
            super("database down while writing item " + item);
        }
    }

    /** Which item fails where; set by each test. */
    static final class Faults {
        volatile String badInRead;
        volatile String badInProcess;
        volatile String badInWrite;
        volatile String databaseDownAt;

        void clear() {
            badInRead = null;
            badInProcess = null;
            badInWrite = null;
            databaseDownAt = null;
        }
    }

    @Bean
    Faults faults() {
        return new Faults();
    }

    @Bean
    Job skipRestartMatrixJob(JobRepository jobRepository, Step matrixStep) {
        return new JobBuilder(JOB, jobRepository).start(matrixStep).build();
    }

    @Bean
    Step matrixStep(JobRepository jobRepository, PlatformTransactionManager tx, ItemStreamReader<String> matrixReader,
                    ItemProcessor<String, String> matrixProcessor, ItemWriter<String> matrixWriter) {
        return new StepBuilder(STEP, jobRepository)
                .<String, String>chunk(CHUNK)
                .transactionManager(tx)
                .reader(matrixReader)
                .processor(matrixProcessor)
                .writer(matrixWriter)
                .faultTolerant()
                .skip(BadRow.class)
                .skipLimit(10)
                .build();
    }

    /** Reads the items in order; its position (bad items included) is saved with each chunk. */
    @Bean
    @StepScope
    ItemStreamReader<String> matrixReader(Faults faults) {
        return new ItemStreamReader<>() {
            private int next;

            @Override
            public void open(ExecutionContext context) {
                next = context.getInt("matrix.next", 0);
            }

            @Override
            public String read() {
                if (next >= ITEMS.size()) {
                    return null;
                }
                String item = ITEMS.get(next++);
                if (item.equals(faults.badInRead)) {
                    throw new BadRow(item, "read");
                }
                return item;
            }

            @Override
            public void update(ExecutionContext context) {
                context.putInt("matrix.next", next);
            }
        };
    }

    @Bean
    ItemProcessor<String, String> matrixProcessor(Faults faults) {
        return item -> {
            if (item.equals(faults.badInProcess)) {
                throw new BadRow(item, "process");
            }
            return item;
        };
    }

    @Bean
    @StepScope
    ItemWriter<String> matrixWriter(Faults faults, JdbcClient jdbc, @Value("#{jobParameters['" + SCENARIO + "']}") String scenario) {
        return (Chunk<? extends String> chunk) -> {
            for (String item : chunk) {
                if (item.equals(faults.databaseDownAt)) {
                    throw new DatabaseDown(item);
                }
                if (item.equals(faults.badInWrite)) {
                    throw new BadRow(item, "write");
                }
                jdbc.sql("INSERT INTO matrix_out (scenario, item) VALUES (?, ?)").params(scenario, item).update();
            }
        };
    }
}
