package org.tracehub.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.infrastructure.item.file.transform.FieldSet;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Case 2: what a team would write by hand — a FlatFileItemReader → JdbcBatchItemWriter chunk job
 * with Spring Batch's JDBC job repository in the same database (an H2 file, or PostgreSQL: {@link BenchDatabase}). Run as its own JVM:
 * {@code PlainBatchLoad FILE DB_PATH CHUNK_SIZE [WARMUP_FILE]}; prints one {@code BENCH rows=… millis=…} line.
 */
public final class PlainBatchLoad {

    private PlainBatchLoad() {
    }

    public static void main(String[] args) throws Exception {
        ChildCaseMain.run(args, BenchDatabase::recreate, PlainBatchLoad::run);
    }

    static long run(Path file, String db, int chunkSize) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(BenchDatabase.url(db));
            ds.setUsername(BenchDatabase.user());
            ds.setPassword(BenchDatabase.password());
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-" + BenchDatabase.vendor() + ".sql")).execute(ds);
            new JdbcTemplate(ds).execute(BenchTableSchema.createTable());
            try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
                context.registerBean("dataSource", DataSource.class, () -> ds);
                context.register(BatchInfrastructure.class);
                context.refresh();
                JobRepository repository = context.getBean(JobRepository.class);
                PlatformTransactionManager tx = context.getBean(PlatformTransactionManager.class);
                Job job = new JobBuilder("plainLoad", repository)
                        .start(new StepBuilder("load", repository)
                                .<String[], String[]>chunk(chunkSize)
                                .transactionManager(tx)
                                .reader(reader(file))
                                .writer(writer(ds))
                                .build())
                        .build();
                JobExecution execution = context.getBean(JobOperator.class)
                        .start(job, new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("plain job ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
                }
                return execution.getStepExecutions().iterator().next().getWriteCount();
            }
        }
    }

    private static FlatFileItemReader<String[]> reader(Path file) {
        DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
        tokenizer.setStrict(false);
        return new FlatFileItemReaderBuilder<String[]>()
                .name("csv")
                .resource(new FileSystemResource(file))
                .encoding("GB18030")
                .linesToSkip(2) // title line and header
                .lineTokenizer(tokenizer)
                .fieldSetMapper(FieldSet::getValues)
                .build();
    }

    private static JdbcBatchItemWriter<String[]> writer(DataSource ds) {
        return new JdbcBatchItemWriterBuilder<String[]>()
                .dataSource(ds)
                .sql(BenchTableSchema.insert())
                .itemPreparedStatementSetter((item, ps) -> {
                    for (int i = 0; i < BenchTableSchema.COLUMNS; i++) {
                        ps.setString(i + 1, i < item.length ? item[i] : null);
                    }
                })
                .build();
    }

    /** Spring Batch's JDBC job repository and job operator over the registered data source. */
    @Configuration(proxyBeanMethods = false)
    static class BatchInfrastructure extends JdbcDefaultBatchConfiguration {

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }
    }
}
