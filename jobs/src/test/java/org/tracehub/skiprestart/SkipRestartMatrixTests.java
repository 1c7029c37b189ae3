package org.tracehub.skiprestart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;

/**
 * The skip/restart matrix of Spring Batch 6's chunk-oriented step, with exact counts: an item
 * bad in reading, in processing and in writing, each in a run that then fails on a non-skippable
 * error ("the database is down") at item 10, followed by a restart once the database is back.
 * Twelve items, chunks of three, output committed with each chunk. After the restart every good
 * item must be in the output exactly once and the bad one never.
 */
@SpringBootTest(classes = {ImportJobTestApplication.class, SkipRestartMatrixJobConfiguration.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SkipRestartMatrixTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job skipRestartMatrixJob;

    @Autowired
    SkipRestartMatrixJobConfiguration.Faults faults;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyOutput() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS matrix_out (scenario VARCHAR(20) NOT NULL, item VARCHAR(10) NOT NULL)").update();
        faults.clear();
    }

    private static final List<String> ALL_BUT_5 = List.of("1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12");
    private static final List<String> FIRST_RUN_OUTPUT = List.of("1", "2", "3", "4", "6", "7", "8", "9");

    @Test
    void anItemBadInReadingIsSkippedAndTheRestartGoesOnAfterTheLastCommittedChunk() throws Exception {
        faults.badInRead = "5";
        faults.databaseDownAt = "10";
        JobExecution first = run("read");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        // chunk 2 holds 4 and 6: the bad read takes its place in the chunk; chunk 4 (10-12) is read, then rolled back
        assertCounts(step(first), 11, 0, 8, 1, 0, 0, 3, 1);
        assertThat(output("read")).containsExactlyElementsOf(FIRST_RUN_OUTPUT);

        faults.databaseDownAt = null;
        JobExecution restart = jobOperator.restart(first);
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertCounts(step(restart), 3, 0, 3, 0, 0, 0, 1, 0);
        assertThat(output("read")).containsExactlyElementsOf(ALL_BUT_5);
    }

    @Test
    void anItemBadInProcessingIsSkippedAndTheRestartGoesOnAfterTheLastCommittedChunk() throws Exception {
        faults.badInProcess = "5";
        faults.databaseDownAt = "10";
        JobExecution first = run("process");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertCounts(step(first), 12, 0, 8, 0, 1, 0, 3, 1);
        assertThat(output("process")).containsExactlyElementsOf(FIRST_RUN_OUTPUT);

        faults.databaseDownAt = null;
        JobExecution restart = jobOperator.restart(first);
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertCounts(step(restart), 3, 0, 3, 0, 0, 0, 1, 0);
        assertThat(output("process")).containsExactlyElementsOf(ALL_BUT_5);
    }

    @Test
    void anItemBadInWritingIsSkippedItemByItemAndTheRestartGoesOnAfterTheLastCommittedChunk() throws Exception {
        faults.badInWrite = "5";
        faults.databaseDownAt = "10";
        JobExecution first = run("write");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        // chunk 2 fails and is rolled back; a scan then writes 4, skips 5 and writes 6 in transactions of one item.
        // Batch counts the scan as one commit (three transactions happened) and 5's rollback as one more.
        assertCounts(step(first), 12, 0, 8, 0, 0, 1, 3, 3);
        assertThat(output("write")).containsExactlyElementsOf(FIRST_RUN_OUTPUT);

        faults.databaseDownAt = null;
        JobExecution restart = jobOperator.restart(first);
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertCounts(step(restart), 3, 0, 3, 0, 0, 0, 1, 0);
        assertThat(output("write")).containsExactlyElementsOf(ALL_BUT_5);
    }

    /**
     * The run fails while the chunk of a bad write is being scanned item by item: 4 is committed on
     * its own, 5 is skipped, the database is down when 6 is written. A restart must write 6 — Batch 6.0.4
     * saved the reader's position (the end of the whole chunk) with each scanned item's commit and lost it;
     * the reason the build asks for 6.0.6.
     */
    @Test
    void aRunFailingDuringTheScanOfABadWriteLosesNoItemOnRestart() throws Exception {
        faults.badInWrite = "5";
        faults.databaseDownAt = "6";
        JobExecution first = run("scan");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(output("scan")).containsExactly("1", "2", "3", "4");

        faults.databaseDownAt = null;
        JobExecution restart = jobOperator.restart(first);
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(output("scan")).containsExactlyElementsOf(ALL_BUT_5);
    }

    // -----------------------------------------------------------------------------------------

    private JobExecution run(String scenario) throws Exception {
        return jobOperator.start(skipRestartMatrixJob, new JobParametersBuilder()
                .addString(SkipRestartMatrixJobConfiguration.SCENARIO, scenario).toJobParameters());
    }

    private static StepExecution step(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(SkipRestartMatrixJobConfiguration.STEP))
                .findFirst().orElseThrow();
    }

    private List<String> output(String scenario) {
        return jdbc.sql("SELECT item FROM matrix_out WHERE scenario = ? ORDER BY CAST(item AS INT)").param(scenario)
                .query(String.class).list();
    }

    private static void assertCounts(StepExecution s, long read, long filter, long write, long readSkip, long processSkip,
                                     long writeSkip, long commit, long rollback) {
        assertThat(List.of(s.getReadCount(), s.getFilterCount(), s.getWriteCount(), s.getReadSkipCount(), s.getProcessSkipCount(),
                s.getWriteSkipCount(), s.getCommitCount(), s.getRollbackCount()))
                .as("read, filter, write, readSkip, processSkip, writeSkip, commit, rollback")
                .containsExactly(read, filter, write, readSkip, processSkip, writeSkip, commit, rollback);
    }
}
