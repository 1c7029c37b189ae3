package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.BatchReporter;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.testing.MutableClock;

/**
 * Several nodes on one job repository (DESIGN.md, scale-out): each run records its node, start-up recovery takes only
 * its own node's runs (and unrecorded or silent nodes' runs only when no other node is alive), a node takes over the
 * runs of a node silent for {@code node-timeout}, and a run is claimed by one node only. The other node is made real in
 * {@code hub_node} and {@code job_execution_node}, as it would write them; the runs are real executions of the import job
 * left as a killed process leaves them.
 */
@TestPropertySource(properties = "hub.jobs.recovery.nodes-share-database=true") // H2 stands in for a shared PostgreSQL
class MultiNodeRecoveryTests extends ImportJobTestSupport {

    private static final String OTHER = "hub-2:/srv/hub";

    @Autowired
    RunningExecutions running;

    @Autowired
    InterruptedJobRecovery recovery;

    @Autowired
    HubNodes nodes;

    @Autowired
    HubNode self;

    @Autowired
    ImportFailureListener failureListener;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    BatchReporter reporter;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    RecoveryLock lock;

    @Autowired
    ObjectProvider<QueuedRuns> queued;

    @BeforeEach
    void noOtherNode() {
        jdbc.sql("DELETE FROM hub_node WHERE node_id <> ?").param(self.id()).update();
    }

    @Test
    void everyRunRecordsTheNodeThatRunsIt() throws Exception {
        JobExecution run = importNewAttempt(receive(FILE_NAME, reExport("XJM26120100")));

        assertThat(nodes.ownerOf(run.getId())).contains(new HubNodes.Owner(self.id(), 0));
        assertThat(nodes.heartbeats()).containsKey(self.id());
    }

    @Test
    void startUpRecoveryTakesItsOwnRunsAndLeavesALiveNodesRunsUntilThatNodeFallsSilentThenTakesThemOver() throws Exception {
        String mine = receive(FILE_NAME, reExport("XJM26120200"));
        JobExecution myRun = killedHalfWay(mine);
        String theirs = receive(FILE_NAME, reExport("XJM26120300"));
        JobExecution theirRun = killedHalfWay(theirs);
        runBy(theirRun, OTHER, OffsetDateTime.now(clock));

        InterruptedJobRecovery.Report atStart = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(atStart.recovered()).containsExactly(myRun.getId());
        assertThat(atStart.batchesTakenUp()).doesNotContain(theirs);
        assertThat(jobRepository.getJobExecution(theirRun.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(recovery.takeOverLostRuns().recovered()).as("the other node is alive").isEmpty();

        // the other node's machine is lost: no heartbeat for longer than node-timeout (10 min), its run older than that
        silentSince(OTHER, Duration.ofMinutes(11));
        createdAgo(theirRun, Duration.ofMinutes(12));

        InterruptedJobRecovery.Report takeover = recovery.takeOverLostRuns();

        assertThat(takeover.recovered()).containsExactly(theirRun.getId());
        assertThat(takeover.restarted()).containsExactly(theirRun.getId());
        assertThat(nodes.ownerOf(theirRun.getId())).contains(new HubNodes.Owner(self.id(), 1));
        assertThat(jobRepository.getJobExecution(theirRun.getId()).getExitStatus().getExitDescription()).contains("interrupted");
        JobExecution restart = lastExecution(theirs, 1);
        assertThat(restart.getId()).isNotEqualTo(theirRun.getId());
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(nodes.ownerOf(restart.getId())).contains(new HubNodes.Owner(self.id(), 0));
        assertThat(batch(theirs).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(recovery.takeOverLostRuns().recovered()).as("taken once").isEmpty();
        assertThat(nodes.heartbeats()).as("should it resume, its heartbeat finds it was taken for dead").doesNotContainKey(OTHER);
        assertThat(nodes.beat(OTHER, OffsetDateTime.now(clock))).isFalse();
    }

    @Test
    void aRunNoNodeRecordedIsTakenAtStartUpOnlyWhenNoOtherNodeIsAlive() throws Exception {
        String batchId = receive(FILE_NAME, reExport("XJM26120400"));
        JobExecution run = killedHalfWay(batchId);
        jdbc.sql("DELETE FROM job_execution_node WHERE job_execution_id = ?").param(run.getId()).update();
        nodes.beat(OTHER, OffsetDateTime.now(clock));

        assertThat(recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)).recovered()).isEmpty();
        assertThat(nodes.ownerOf(run.getId())).isEmpty();

        silentSince(OTHER, Duration.ofMinutes(11));
        InterruptedJobRecovery.Report alone = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(alone.recovered()).containsExactly(run.getId());
        assertThat(nodes.ownerOf(run.getId())).contains(new HubNodes.Owner(self.id(), 1));
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    @Test
    void aNodeSilentForAWeekIsForgottenUnlessARunOfItsOwnIsStillMarkedRunning() throws Exception {
        String idle = "hub-old-container:/srv/hub";
        nodes.beat(idle, OffsetDateTime.now(clock).minusDays(8));
        JobExecution stuck = killedHalfWay(receive(FILE_NAME, reExport("XJM26120700")));
        runBy(stuck, OTHER, OffsetDateTime.now(clock).minusDays(8));

        try {
            assertThat(nodes.forgetLongSilent(OffsetDateTime.now(clock).minusDays(7))).isEqualTo(1);

            assertThat(nodes.heartbeats()).doesNotContainKey(idle).containsKey(OTHER);
        } finally {
            // the other tests must not find this run to recover
            jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = CURRENT_TIMESTAMP WHERE JOB_EXECUTION_ID = ?")
                    .param(stuck.getId()).update();
        }
    }

    /**
     * A node paused past node-timeout resumes, and its run — meanwhile taken over and restarted elsewhere — fails here:
     * it neither fails the batch nor sends a receipt, which are the restart's; a run still this node's does both.
     */
    @Test
    void aRunThatFailsOnANodeAfterAnotherTookItOverLeavesTheBatchToTheRestart() throws Exception {
        String batchId = receive(FILE_NAME, reExport("XJM26120800"));
        JobExecution run = killedHalfWay(batchId);
        JobExecution failed = jobRepository.getJobExecution(run.getId());
        failed.setStatus(BatchStatus.FAILED);
        jdbc.sql("UPDATE job_execution_node SET node_id = ?, claim_version = 1 WHERE job_execution_id = ?").params(OTHER, run.getId()).update();

        failureListener.afterJob(failed);

        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.CONVERTING);

        jdbc.sql("UPDATE job_execution_node SET node_id = ? WHERE job_execution_id = ?").params(self.id(), run.getId()).update();
        failureListener.afterJob(failed);

        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = CURRENT_TIMESTAMP WHERE JOB_EXECUTION_ID = ?")
                .param(run.getId()).update();
    }

    /**
     * Node A decides to start a batch left CONVERTING without any job (the crash fell between starting its attempt and
     * starting its job), and its start waits behind a restart of its own, held in its convert step; node B's look
     * meanwhile finds the batch CONVERTING, unchanged for node-timeout, with no run to claim. A's claim on the batch row
     * leaves it to A, which starts it: one import of the attempt. (On H2 the recovery lock serialises nothing, so the
     * claim alone decides.)
     */
    @Test
    void aBatchLeftWithoutAJobThatAnotherNodeIsAboutToStartIsLeftToThatNodeAndImportedOnce() throws Exception {
        String held = receive(FILE_NAME, reExport("XJM26120900"));
        JobExecution heldRun = killedHalfWay(held);
        String withoutJob = leftConvertingWithoutAJob(receive(FILE_NAME, reExport("XJM26121000")));
        nodes.beat(OTHER, OffsetDateTime.now(clock)); // alive: the batches' ages count from node-timeout ago

        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", held, "row_no", 11));
        try {
            CompletableFuture<InterruptedJobRecovery.Report> a = CompletableFuture.supplyAsync(
                    () -> recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)));
            PausingTrigger.awaitReached();

            InterruptedJobRecovery.Report b = nodeB().recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

            assertThat(b.batchesTakenUp()).doesNotContain(withoutJob, held);
            assertThat(jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(withoutJob, 1))).isNull();
            assertThat(attempts.startClaim(withoutJob, 1)).map(BatchAttempts.StartClaim::node).contains(self.id());

            PausingTrigger.release();
            InterruptedJobRecovery.Report ofA = a.get(2, TimeUnit.MINUTES);

            assertThat(ofA.restarted()).contains(heldRun.getId());
            assertThat(ofA.batchesTakenUp()).contains(withoutJob);
            assertThat(batch(withoutJob).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(jobRepository.getJobExecutions(lastExecution(withoutJob, 1).getJobInstance())).as("one import").hasSize(1);
        } finally {
            PausingTrigger.remove(jdbc);
        }
    }

    /**
     * A node that claimed the start of a batch without a job and died before starting it does not keep the batch for
     * ever: its claim holds while its heartbeat does; once it is silent for node-timeout the takeover claims and starts
     * the batch. A node's own claim, from a look before its restart, is its own to take again.
     */
    @Test
    void aClaimOnABatchWithoutAJobHoldsOnlyWhileTheClaimingNodeIsAlive() throws Exception {
        String claimedByOther = leftConvertingWithoutAJob(receive(FILE_NAME, reExport("XJM26121100")));
        String claimedHere = leftConvertingWithoutAJob(receive(FILE_NAME, reExport("XJM26121200")));
        assertThat(attempts.claimStartWithoutJob(claimedByOther, 1, Optional.empty(), OTHER)).isTrue();
        assertThat(attempts.claimStartWithoutJob(claimedHere, 1, Optional.empty(), self.id())).isTrue();
        assertThat(attempts.claimStartWithoutJob(claimedHere, 1, Optional.empty(), OTHER)).as("claimed already").isFalse();
        nodes.beat(OTHER, OffsetDateTime.now(clock));

        InterruptedJobRecovery.Report atStart = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(atStart.batchesTakenUp()).contains(claimedHere).doesNotContain(claimedByOther);
        assertThat(batch(claimedHere).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(claimedByOther).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.CONVERTING);

        silentSince(OTHER, Duration.ofMinutes(11));
        InterruptedJobRecovery.Report takeover = recovery.takeOverLostRuns();

        assertThat(takeover.batchesTakenUp()).contains(claimedByOther);
        assertThat(attempts.startClaim(claimedByOther, 1)).map(BatchAttempts.StartClaim::node).contains(self.id());
        assertThat(batch(claimedByOther).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    /**
     * A node paused past node-timeout (a long GC, a suspended VM) comes back just as this node's takeover has judged it
     * silent from the heartbeats it read: its beat goes through before the takeover claims its run, held here as it reads
     * the run's owner. The claim took the run from a node alive again — the run marked FAILED under it and restarted here
     * beside it. A claim from another node now holds only while that node is still silent: the takeover is refused and
     * the run stays the paused node's.
     */
    @Test
    void aTakeoverIsRefusedWhenTheNodeItJudgedSilentBeatsBeforeTheClaim() throws Exception {
        String batchId = receive(FILE_NAME, reExport("XJM26121300"));
        JobExecution theirRun = killedHalfWay(batchId);
        runBy(theirRun, OTHER, OffsetDateTime.now(clock).minusMinutes(11));
        createdAgo(theirRun, Duration.ofMinutes(12));
        try {
            PausingTrigger.installBeforeSelect(jdbc, "job_execution_node");
            CompletableFuture<InterruptedJobRecovery.Report> takeover = CompletableFuture.supplyAsync(recovery::takeOverLostRuns);
            PausingTrigger.awaitReached();
            assertThat(nodes.beat(OTHER, OffsetDateTime.now(clock))).as("back before its row was removed").isTrue();
            PausingTrigger.release();

            assertThat(takeover.get(2, TimeUnit.MINUTES).recovered()).doesNotContain(theirRun.getId());
            assertThat(nodes.ownerOf(theirRun.getId())).contains(new HubNodes.Owner(OTHER, 0));
            assertThat(jobRepository.getJobExecutions(theirRun.getJobInstance())).as("no restart beside it")
                    .singleElement().satisfies(e -> assertThat(e.getStatus()).isEqualTo(BatchStatus.STARTED));
            assertThat(nodes.heartbeats()).containsKey(OTHER);
        } finally {
            PausingTrigger.remove(jdbc);
            // the other tests must not find this run to recover
            jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = CURRENT_TIMESTAMP WHERE JOB_EXECUTION_ID = ?")
                    .param(theirRun.getId()).update();
        }
    }

    @Test
    void ofTwoNodesClaimingOneRunAsTheyReadItOnlyOneWins() throws Exception {
        JobExecution run = importNewAttempt(receive(FILE_NAME, reExport("XJM26120500")));
        Optional<HubNodes.Owner> seen = nodes.ownerOf(run.getId());

        assertThat(nodes.claim(run.getId(), seen, OTHER)).isTrue();
        assertThat(nodes.claim(run.getId(), seen, self.id())).isFalse();
        assertThat(nodes.ownerOf(run.getId())).contains(new HubNodes.Owner(OTHER, 1));

        jdbc.sql("DELETE FROM job_execution_node WHERE job_execution_id = ?").param(run.getId()).update();
        assertThat(nodes.claim(run.getId(), Optional.empty(), OTHER)).isTrue();
        assertThat(nodes.claim(run.getId(), Optional.empty(), self.id())).isFalse();
    }

    /**
     * After an outage of the database every node's last heartbeat is old, and none is dead: a node judges others silent
     * only once its own heartbeats have gone through, without a gap, for the whole node-timeout.
     */
    @Test
    void aNodeJudgesOthersSilentOnlyAfterItsOwnHeartbeatsWentThroughForTheWholeTimeout() {
        MutableClock time = new MutableClock();
        NodeHeartbeat heartbeat = new NodeHeartbeat(nodes, new HubNode("test-node", "."), time, Duration.ofSeconds(30));
        Duration timeout = Duration.ofMinutes(10);

        try {
            heartbeat.beat();
            assertThat(heartbeat.healthyFor(timeout)).isFalse();
            for (int i = 0; i < 20; i++) {
                time.advance(Duration.ofSeconds(30));
                heartbeat.beat();
            }
            assertThat(heartbeat.healthyFor(timeout)).isTrue();

            // no beat for five minutes (the database was down): the count starts again
            time.advance(Duration.ofMinutes(5));
            assertThat(heartbeat.healthyFor(timeout)).isFalse();
            heartbeat.beat();
            time.advance(Duration.ofSeconds(30));
            heartbeat.beat();
            assertThat(heartbeat.healthyFor(timeout)).isFalse();
        } finally {
            jdbc.sql("DELETE FROM hub_node WHERE node_id = 'test-node'").update();
        }
    }

    // --- the state a killed process leaves, and another node --------------------------------------

    /**
     * A batch as a crash between starting its attempt and starting its job leaves it: CONVERTING at attempt 1 with no job,
     * unchanged for longer than node-timeout (10 min).
     */
    private String leftConvertingWithoutAJob(String batchId) {
        assertThat(attempts.startNextAttempt(batchId, Set.of(org.tracehub.platform.batch.BatchStatus.RECEIVED))).hasValue(1);
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusMinutes(11), batchId).update();
        return batchId;
    }

    /** Node B: another node id, heartbeat and record of its runs, on the same database and job repository. */
    private InterruptedJobRecovery nodeB() {
        HubNode b = new HubNode(OTHER, ".");
        Duration nodeTimeout = Duration.ofMinutes(10);
        return new InterruptedJobRecovery(jobRepository, jobOperator, importJob, batches, attempts, reporter, events, clock, nodes, b,
                new NodeHeartbeat(nodes, b, clock, Duration.ofSeconds(30)), lock, new ExecutionsRunningHere(nodeTimeout), running, queued,
                new RunningJobsStop(new ExecutionsRunningHere(nodeTimeout), Duration.ofSeconds(30)), true, 2, nodeTimeout);
    }

    private void runBy(JobExecution run, String node, OffsetDateTime heartbeat) {
        jdbc.sql("UPDATE job_execution_node SET node_id = ? WHERE job_execution_id = ?").params(node, run.getId()).update();
        nodes.beat(node, heartbeat);
    }

    private void silentSince(String node, Duration ago) {
        jdbc.sql("UPDATE hub_node SET heartbeat_at = ? WHERE node_id = ?").params(OffsetDateTime.now(clock).minus(ago), node).update();
    }

    private void createdAgo(JobExecution run, Duration ago) {
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ? WHERE JOB_EXECUTION_ID = ?")
                .params(LocalDateTime.now().minus(ago), run.getId()).update();
    }
}
