package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The SQL of the purge's clock check, audit log and fetch-record steps on the embedded default (H2) and on a real
 * PostgreSQL: the job tests run it on H2 alone.
 */
@Tag("slow")
class PurgeSqlOnBothDatabasesTest extends BothDatabases {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 3, 30, 0, 0, ZoneOffset.ofHours(8));

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theClockCheckMeasuresFromTheLastRunThatWasNotRefused(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        PurgeSettings settings = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("hub.jobs.purge", PurgeSettings.class);
        purgeRun(jdbc, 1, NOW.minusDays(1), "COMPLETED");
        purgeRun(jdbc, 2, NOW.plusYears(5), PurgeParameters.CLOCK_AHEAD);

        assertThat(check(new ClockCheckTasklet(NOW, settings, jdbc))).isEqualTo("EXECUTING");
        assertThat(check(new ClockCheckTasklet(NOW.plusYears(5).plusDays(1), settings, jdbc))).isEqualTo(PurgeParameters.CLOCK_AHEAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void auditEntriesAndFetchRecordsGoABoundedNumberAtATime(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO audit_log (acted_at, who, action, outcome) VALUES (?, 'old', 'DOWNLOAD', 200)")
                    .param(NOW.minusYears(4).plusMinutes(i)).update();
            fetched(jdbc, "moving", "old" + i, NOW.minusYears(4));
        }
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, outcome) VALUES (?, 'recent', 'DOWNLOAD', 200)").param(NOW).update();
        fetched(jdbc, "moving", "recent", NOW);
        fetched(jdbc, "remembering", "old", NOW.minusYears(4));

        RowPurgeTasklet audit = RowPurgeTasklet.auditLog(NOW.minusYears(3), jdbc);
        RowPurgeTasklet fetches = RowPurgeTasklet.pullFetched(NOW.minusYears(3), () -> Set.of("moving"), jdbc);
        for (RowPurgeTasklet tasklet : new RowPurgeTasklet[] {audit, fetches}) {
            assertThat(tasklet.execute(contribution(), null)).isEqualTo(RepeatStatus.FINISHED);
        }

        assertThat(jdbc.sql("SELECT who FROM audit_log").query(String.class).list()).containsExactly("recent");
        assertThat(jdbc.sql("SELECT source_id || '/' || file_key FROM pull_fetched ORDER BY 1").query(String.class).list())
                .containsExactly("moving/recent", "remembering/old");
    }

    private static String check(ClockCheckTasklet tasklet) {
        StepContribution contribution = contribution();
        tasklet.execute(contribution, null);
        return contribution.getExitStatus().getExitCode();
    }

    private static StepContribution contribution() {
        return new StepContribution(MetaDataInstanceFactory.createStepExecution());
    }

    private static void purgeRun(JdbcClient jdbc, long id, OffsetDateTime runAt, String exitCode) {
        jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0, ?, ?)")
                .params(id, PurgeParameters.JOB_NAME, "key" + id).update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS, EXIT_CODE) "
                        + "VALUES (?, 0, ?, CURRENT_TIMESTAMP, 'COMPLETED', ?)")
                .params(id, id, exitCode).update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, "
                        + "IDENTIFYING) VALUES (?, ?, 'java.lang.String', ?, 'Y')")
                .params(id, PurgeParameters.RUN_AT, runAt.toString()).update();
    }

    private static void fetched(JdbcClient jdbc, String source, String key, OffsetDateTime at) {
        jdbc.sql("INSERT INTO pull_fetched (source_id, key_hash, file_key, fetched_at) VALUES (?, ?, ?, ?)")
                .params(source, String.format("%064d", (source + key).hashCode() & 0x7fffffff), key, at).update();
    }
}
