package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.jobs.testing.JdbcJobRepositories;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The recovery's look for running executions, every minute on every node, on a job repository of some years (tens of
 * thousands of finished runs here; hundreds of thousands in five years): what each of its statements reads stays with the
 * few running executions, whatever the history holds.
 */
class RunningExecutionsOnPostgresTest extends BothDatabases {

    private static final int FINISHED = 20_000;

    @Test
    void findingTheRunningExecutionsReadsThemAloneNotEveryJobInstanceAndExecution() throws Exception {
        DataSource ds = postgres();
        JdbcClient jdbc = migrate("postgresql", ds);
        jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) SELECT i, 0, "
                + "CASE WHEN i % 3 = 0 THEN 'loadJob' WHEN i % 1000 = 7 THEN 'purgeJob' ELSE 'importJob' END, md5(i::text) "
                + "FROM generate_series(1, " + (FINISHED + 2) + ") i").update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME, "
                + "STATUS, EXIT_CODE, LAST_UPDATED) SELECT i, 1, i, now(), now(), CASE WHEN i <= " + FINISHED + " THEN now() END, "
                + "CASE WHEN i <= " + FINISHED + " THEN 'COMPLETED' WHEN i % 2 = 0 THEN 'STARTED' ELSE 'STOPPING' END, "
                + "'UNKNOWN', now() FROM generate_series(1, " + (FINISHED + 2) + ") i").update();
        jdbc.sql("ANALYZE").update();

        Executed<List<Long>> look = executedOnPostgres(ds, false,
                session -> new RunningExecutions(JdbcClient.create(session), JdbcJobRepositories.on(session)).all().stream()
                        .map(JobExecution::getId).toList());

        assertThat(look.result()).containsExactly(FINISHED + 1L, FINISHED + 2L);
        assertThat(look.rowsRead()).as(look.plans()).isNotEmpty().allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(10L));
    }
}
