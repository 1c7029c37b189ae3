package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.test.context.TestPropertySource;

/**
 * A first load whose transactions hold two pages. With pages of 3 (the tests' chunk size) and
 * {@code hub.jobs.load-transaction-size=6}, the sample's seven events load in two transactions: rows [3, 4, 6] and
 * [7, 9, 11], then [12]. A page that fails takes the pages before it in its transaction along.
 */
@TestPropertySource(properties = "hub.jobs.load-transaction-size=6")
class MultiPageTransactionLoadTests extends ImportJobTestSupport {

    @Test
    void aLoadCommitsTwoPagesAtATimeAndNothingOfTheNextTransaction() throws Exception {
        String batchId = receiveSample();

        JobExecution e = importNewAttempt(batchId);

        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(e, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getWriteCount()).isEqualTo(7);
            assertThat(s.getCommitCount()).as("rows [3 … 11] and [12]").isEqualTo(2);
        });
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
    }

    @Test
    void aFailureInATransactionsSecondPageRollsBackItsFirstAndTheRestartLoadsBoth() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            StepExecution load = step(e, ImportJobConfiguration.LOAD_STEP);
            assertThat(load.getWriteCount()).as("the first page shared the failed transaction").isZero();
            assertThat(load.getCommitCount()).isZero();
        });
        assertThat(traceEvents()).isZero();
        JobExecution failed = lastExecution(batchId, 1);

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(7);
            assertThat(s.getCommitCount()).isEqualTo(2);
        });
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(traceEvents()).isEqualTo(7);
    }
}
