package org.tracehub.jobs.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.importjob.AttemptExecutions;
import org.tracehub.jobs.importjob.AttemptJobStarts;
import org.tracehub.jobs.importjob.BatchReporter;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.UnknownOutcomes;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * When the hub starts, finds the work a crash (a killed process, a lost machine) interrupted and takes
 * it up again, in a thread of its own:
 * <ol>
 * <li>every job execution still STARTING, STARTED or STOPPING that was created before this process
 *     started is marked FAILED ({@link JobOperator#recover}) and restarted: a convert step resumes
 *     after its last committed chunk, a load (one transaction, rolled back by the crash) loads again;
 *     an import or load of an attempt that a reprocess superseded is abandoned instead;</li>
 * <li>every batch left CONVERTING without a running execution (the crash fell between starting the
 *     attempt and starting its job, or inside that start — a job instance without an execution, which is deleted first,
 *     {@link AttemptJobStarts} — or before a failure was recorded) is started or restarted;</li>
 * <li>every batch left STAGED whose attempt's newest execution failed — an admin's retry had resumed it and
 *     its restart, queued behind other jobs, never ran before the hub stopped — is restarted: nothing else
 *     would load an on-arrival source's batch, and retry refuses a batch that is not FAILED. Not an import that failed
 *     only in its receipt step: its batch waits for the nightly load as it should.</li>
 * </ol>
 * A batch that cannot be taken up (its start or restart throws) becomes FAILED with a processing error, so that an admin
 * can reprocess or retry it instead of every start failing on it again. So does a batch whose run was interrupted more
 * often than {@code hub.jobs.recovery.max-interrupted-restarts} (default 2): a run that takes the hub down with it
 * would otherwise do so at every start.
 * Import and load executions go first, then the others (the nightly sync, the purge), so a restarted
 * sync finds the batches it was loading already loaded.
 *
 * <p>Nodes may share the job repository (DESIGN.md, scale-out). Every execution records the node that runs it
 * ({@link ExecutionOwners}), and at start-up a node takes up only the runs it owns; runs no node recorded (made before
 * the hub recorded owners, or a crash between an execution's creation and its first listener) and runs of nodes whose
 * heartbeat has stopped only when no other node is alive. The runs of a node that went silent while others run are
 * taken over by one of them ({@link DeadNodeTakeover}), which also takes up, while the hub runs, what an outage of the
 * database left behind on this node: runs it no longer runs but could not record the end of ({@link ExecutionsRunningHere}),
 * and their batches ({@link #takeOverLostRuns}). Each run is claimed before it is touched ({@link HubNodes#claim}),
 * and a batch left without any run is claimed before it is started ({@link BatchAttempts#claimStartWithoutJob}), so that
 * two nodes never both restart or start it; one node at a time looks ({@link RecoveryLock}), and its restarts run after
 * the look. The batches left CONVERTING or STAGED are looked at only when they were
 * last changed before this start and, when another node is alive, more than {@code node-timeout} ago: that node may be
 * starting their jobs right now.
 */
@Component
public class InterruptedJobRecovery {

    private static final Logger log = LoggerFactory.getLogger(InterruptedJobRecovery.class);
    private static final List<String> BATCH_JOBS = List.of(ImportJobParameters.JOB_NAME, ImportJobParameters.LOAD_JOB_NAME);

    /**
     * How recovery marks an execution it ended (the exit description; the exit code stays FAILED): the executions of an
     * instance marked so are the runs of it that a crash interrupted.
     */
    static final String INTERRUPTED = "interrupted: the hub stopped while it ran; recovered at start-up";

    /**
     * How the takeover marks a run of this node that this process no longer runs ({@link #takeOverLostRuns}): not
     * {@link #INTERRUPTED}, so that it does not count as a run that took the hub down with it.
     */
    static final String LOST = "lost: the database could not be reached as it ended, so its end was never recorded; "
            + "recovered by the node that ran it";

    /** A node silent this long, with no run of its own still marked running, is forgotten ({@code hub_node}). */
    static final Duration FORGET_NODES_AFTER = Duration.ofDays(7);

    /**
     * The reason a sender reads when recovery stops restarting a batch's run: %d is how often it was interrupted. A run
     * that takes the hub down with it (the kernel's OOM killer, a container's memory limit) would otherwise be
     * restarted at every start and take it down again, for ever.
     */
    static final String INTERRUPTED_TOO_OFTEN = "平台处理此文件时已被意外中断%d次（处理进程终止，例如内存不足），已停止自动重试，"
            + "需由管理员排查后重新处理或重试；您无需重新发送";

    /**
     * What one recovery run found and did.
     *
     * @param notRestarted executions left FAILED, not restarted: their instance was interrupted more often than
     *                     {@code hub.jobs.recovery.max-interrupted-restarts} allows (their batch is FAILED for an admin)
     */
    public record Report(List<Long> recovered, List<Long> restarted, List<Long> abandoned, List<String> batchesTakenUp,
                         List<Long> notRestarted) {
    }

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Job importJob;
    private final BatchRepository batches;
    private final BatchAttempts attempts;
    private final BatchReporter reporter;
    private final ApplicationEventPublisher events;
    private final boolean enabled;
    private final int maxInterruptedRestarts;
    private final HubNodes nodes;
    private final HubNode node;
    private final NodeHeartbeat heartbeat;
    private final RecoveryLock lock;
    private final Duration nodeTimeout;
    private final Clock clock;
    private final ExecutionsRunningHere runningHere;
    private final RunningExecutions running;
    private final ObjectProvider<QueuedRuns> queued;
    private final RunningJobsStop hubStop;
    /** Captured before any job of this process can start: job listeners and schedulers start after the beans. */
    private final LocalDateTime processStart = LocalDateTime.now();
    private final OffsetDateTime processStartInZone;

    public InterruptedJobRecovery(JobRepository jobRepository, JobOperator jobOperator, Job importJob, BatchRepository batches,
                                  BatchAttempts attempts, BatchReporter reporter, ApplicationEventPublisher events, Clock clock,
                                  HubNodes nodes, HubNode node, NodeHeartbeat heartbeat, RecoveryLock lock,
                                  ExecutionsRunningHere runningHere, RunningExecutions running, ObjectProvider<QueuedRuns> queued,
                                  RunningJobsStop hubStop,
                                  @Value("${hub.jobs.recovery.enabled:true}") boolean enabled,
                                  @Value("${hub.jobs.recovery.max-interrupted-restarts:2}") int maxInterruptedRestarts,
                                  @Value("${hub.jobs.recovery.node-timeout:PT10M}") Duration nodeTimeout) {
        this.jobRepository = jobRepository;
        this.maxInterruptedRestarts = maxInterruptedRestarts;
        this.reporter = reporter;
        this.events = events;
        this.jobOperator = jobOperator;
        this.importJob = importJob;
        this.batches = batches;
        this.attempts = attempts;
        this.enabled = enabled;
        this.processStartInZone = OffsetDateTime.now(clock);
        this.nodes = nodes;
        this.node = node;
        this.heartbeat = heartbeat;
        this.lock = lock;
        this.nodeTimeout = nodeTimeout;
        this.clock = clock;
        this.runningHere = runningHere;
        this.running = running;
        this.queued = queued;
        this.hubStop = hubStop;
    }

    /**
     * Recovers in a thread of its own, then publishes {@link StartupRecoveryFinished} in it (also when recovery is off):
     * the schedules catch up on the runs they missed only once the interrupted ones have been restarted.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        Thread thread = new Thread(() -> {
            if (enabled) {
                try {
                    recover(processStart, processStartInZone);
                } catch (RuntimeException e) {
                    log.error("start-up recovery of interrupted jobs failed", e);
                }
            } else {
                log.info("start-up recovery of interrupted jobs is off (hub.jobs.recovery.enabled=false)");
            }
            try {
                events.publishEvent(new StartupRecoveryFinished());
            } catch (RuntimeException e) {
                log.error("catching up on the runs missed while the hub was down failed", e);
            }
        }, "job-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Recovers this node's executions created before {@code executionsCreatedBefore} (and, when no other node is alive,
     * those no node recorded or whose node is silent), and batches last changed before {@code batchesChangedBefore};
     * restarts run one after the other in the calling thread, once the recovery lock is released ({@link Restarts}).
     */
    public Report recover(LocalDateTime executionsCreatedBefore, OffsetDateTime batchesChangedBefore) {
        if (stoppingBeforeTheLook("start-up recovery")) {
            return nothingDone();
        }
        // alive before it looks: a node taking over silent nodes' runs at this moment leaves this one's alone
        heartbeat.beat();
        return lock.holding(() -> {
            OffsetDateTime silentBefore = OffsetDateTime.now(clock).minus(nodeTimeout);
            boolean alone = !nodes.shared() || !nodes.otherNodeAlive(node.id(), silentBefore);
            OffsetDateTime batchCutoff = alone || batchesChangedBefore.isBefore(silentBefore) ? batchesChangedBefore : silentBefore;
            return recover(e -> e.getCreateTime() != null && e.getCreateTime().isBefore(executionsCreatedBefore)
                    && !runningHere.isRunning(e.getId()) && claimAtStart(e, alone, silentBefore), id -> false, batchCutoff,
                    alone ? other -> false : aliveOtherThan(silentBefore), runningHere::isRunning);
        }).run();
    }

    /**
     * Whether the hub stops before a look: the look would mark the runs it finds FAILED, and a sync or purge so marked whose
     * restart the stop then refused would count as a run that happened, not as one to catch up on.
     */
    private boolean stoppingBeforeTheLook(String look) {
        if (!hubStop.stopping()) {
            return false;
        }
        log.info("hub stopping: {} not started; the next start looks", look);
        return true;
    }

    private static Report nothingDone() {
        return new Report(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether a node is another node whose heartbeat is newer than the time. */
    private Predicate<String> aliveOtherThan(OffsetDateTime silentBefore) {
        Map<String, OffsetDateTime> beats = nodes.heartbeats();
        return other -> !other.equals(node.id()) && beats.get(other) != null && !beats.get(other).isBefore(silentBefore);
    }

    /**
     * The takeover thread's look ({@link DeadNodeTakeover}, every {@code takeover-interval}), while the hub runs:
     * <ul>
     * <li>this node's own runs still marked running that this process no longer runs, for {@code node-timeout}
     *     ({@link ExecutionsRunningHere}): the database went away while they ran, and their listeners and Spring Batch's
     *     last update of the execution failed with it. Recovered and restarted as start-up recovery would, but marked
     *     {@link #LOST}, not {@link #INTERRUPTED}: an outage of the database is not the run's doing, and does not count
     *     towards {@code max-interrupted-restarts};</li>
     * <li>the runs of nodes silent for {@code node-timeout} — and runs no node recorded, made before then — that are still
     *     marked running: their node stopped without recovering them;</li>
     * <li>the batches left CONVERTING or STAGED, unchanged for {@code node-timeout}, as start-up recovery takes them up
     *     when another node is alive (steps 2 and 3): a start the database refused whose failure it refused to record
     *     too leaves a batch CONVERTING without a job, and a failure listener that could not reach the database leaves its
     *     batch CONVERTING or STAGED after a failed run.</li>
     * </ul>
     * A run this process is running is never taken, whatever its owner and age; nor is a batch whose last run this process
     * runs or ended less than {@code node-timeout} ago (its failure listener may still be at work, or the hub's stop ended it
     * STOPPED for the next start): a run of a former process of this node has no such grace.
     */
    public Report takeOverLostRuns() {
        if (stoppingBeforeTheLook("the takeover of lost runs")) {
            return nothingDone();
        }
        return lock.holding(this::takeOverLostRunsLocked).run();
    }

    private Restarts takeOverLostRunsLocked() {
        OffsetDateTime silentBefore = OffsetDateTime.now(clock).minus(nodeTimeout);
        LocalDateTime createdBefore = LocalDateTime.now().minus(nodeTimeout);
        Map<String, OffsetDateTime> beats = nodes.heartbeats();
        Set<String> takenFrom = new HashSet<>();
        Set<Long> lost = new HashSet<>();
        Restarts restarts = recover(e -> {
            if (e.getCreateTime() == null || !e.getCreateTime().isBefore(createdBefore) || runningHere.isRunning(e.getId())) {
                return false;
            }
            Optional<HubNodes.Owner> owner = nodes.ownerOf(e.getId());
            boolean own = owner.map(o -> o.node().equals(node.id())).orElse(false);
            if ((own || owner.isEmpty()) && runningHere.mayBeRunning(e.getId(), nodeTimeout)) {
                // ended here a moment ago: Spring Batch may still be recording its end
                return false;
            }
            if (owner.isPresent() && !own) {
                OffsetDateTime beat = beats.get(owner.get().node());
                if (beat != null && !beat.isBefore(silentBefore)) {
                    return false;
                }
            }
            boolean won = nodes.claim(e.getId(), owner, node.id(), silentBefore);
            if (!won && owner.isPresent() && !own) {
                log.info("{} execution {} of node {}, silent at this look, was not taken over: that node beat again (it was "
                        + "only paused) or another node claimed the run meanwhile", e.getJobInstance().getJobName(), e.getId(),
                        owner.get().node());
            }
            if (won && own) {
                lost.add(e.getId());
                log.warn("{} execution {} ({}) of this node is still marked running though it no longer runs here (its end "
                        + "could not be recorded: the database could not be reached?); recovering it as start-up recovery would",
                        e.getJobInstance().getJobName(), e.getId(), e.getJobParameters());
            } else if (won) {
                owner.ifPresent(o -> takenFrom.add(o.node()));
                log.warn("{} execution {} ({}) was running on node {}, silent since {}: taken over by node {}",
                        e.getJobInstance().getJobName(), e.getId(), e.getJobParameters(),
                        owner.map(HubNodes.Owner::node).orElse("(not recorded)"),
                        owner.map(o -> String.valueOf(beats.get(o.node()))).orElse("?"), node.id());
            }
            return won;
        }, lost::contains, silentBefore, nodes.shared() ? aliveOtherThan(silentBefore) : other -> false,
                // Spring Batch records a run's end before its listeners run: a batch still CONVERTING or STAGED under a
                // run that ended here a moment ago is one its failure listener is still failing, or one the hub's stop
                // left for the next start
                id -> runningHere.mayBeRunning(id, nodeTimeout));
        // should such a node resume, its heartbeat finds its row gone and says it was taken for dead
        takenFrom.forEach(silent -> nodes.forgetSilent(silent, silentBefore));
        int forgotten = nodes.forgetLongSilent(OffsetDateTime.now(clock).minus(FORGET_NODES_AFTER));
        if (forgotten > 0) {
            log.info("forgot {} node(s) silent for more than {} with no run of theirs left", forgotten, FORGET_NODES_AFTER);
        }
        return restarts;
    }

    /**
     * Whether start-up recovery may take this run, claimed for this node if so. Alone on a shared database, a run of a node
     * silent at the look is claimed only while that node is still silent ({@link HubNodes#claim}).
     */
    private boolean claimAtStart(JobExecution e, boolean alone, OffsetDateTime silentBefore) {
        Optional<HubNodes.Owner> owner = nodes.ownerOf(e.getId());
        boolean own = owner.map(o -> o.node().equals(node.id())).orElse(false);
        if (!own && !alone) {
            log.info("{} execution {} is running on node {} (or was, before it went silent): left to it, or to the node that "
                    + "takes it over", e.getJobInstance().getJobName(), e.getId(), owner.map(HubNodes.Owner::node).orElse("(not recorded)"));
            return false;
        }
        return nodes.claim(e.getId(), owner, node.id(), nodes.shared() ? silentBefore : null);
    }

    /**
     * What recovery decided under the lock, and the restarts it left to run after releasing it: the job operator runs a
     * job in the calling thread, and a node that held the lock while a restarted import ran for half an hour kept every
     * other node's recovery waiting for it (start-up recovery blocked, its takeover and catch-ups not started).
     */
    private final class Restarts {

        private final List<Long> recovered = new ArrayList<>();
        private final List<Long> restarted = new ArrayList<>();
        private final List<Long> abandoned = new ArrayList<>();
        private final List<String> takenUp = new ArrayList<>();
        private final List<Long> notRestarted = new ArrayList<>();
        private final List<Restart> toRun = new ArrayList<>();

        /**
         * Runs the restarts one after the other in the calling thread, then reports. Once the hub stops, none starts any
         * more ({@link RunningJobsStop#launch}, which the stop waits for): those left are as the next start's recovery takes
         * them up (a batch CONVERTING or STAGED under a failed run, or without a run, claimed by this node).
         */
        Report run() {
            for (int i = 0; i < toRun.size(); i++) {
                if (!hubStop.launch(toRun.get(i).run())) {
                    log.warn("hub stopping: not restarted, left for the next start: {}",
                            toRun.subList(i, toRun.size()).stream().map(Restart::what).toList());
                    break;
                }
            }
            return report(new Report(recovered, restarted, abandoned, takenUp, notRestarted));
        }
    }

    /** A restart (or start) recovery decided on, and what it restarts, for the log. */
    private record Restart(String what, Runnable run) {
    }

    /**
     * Recovers the running executions the filter takes (it claims them), and, unless {@code batchesChangedBefore} is null,
     * the batches left CONVERTING or STAGED before then; the restarts are left to {@link Restarts#run}, after the lock.
     *
     * <p>Once this node releases the lock and before a restart of its creates the new execution, another node's look may
     * find the batch as this one did: CONVERTING or STAGED, its last execution FAILED. So every run this node restarts is
     * claimed first, under the lock ({@link HubNodes#claim}: the interrupted ones as they are taken, a batch's last
     * execution as the batch is taken), and a batch whose last execution a live other node holds is left to that node:
     * the other node's look, under the lock after this one, sees the claim and leaves the batch, whenever this node's
     * restart comes (it waits behind the restarts before it, perhaps for longer than {@code node-timeout}, so the
     * batch's age alone would not do). Should this node die before its restart, its heartbeat stops and the claim no
     * longer keeps the batch from the others. A batch without any execution has no run to claim: its start is claimed on
     * the batch row instead ({@link #claimStart}, {@link BatchAttempts#claimStartWithoutJob}), which the other node's
     * look sees the same way; its start still looks again just before it starts, and leaves a batch another start (a
     * reprocess) took meanwhile.
     *
     * @param lostHere     of the executions taken, those this node ran and lost to an outage of the database ({@link #LOST})
     * @param holdsForItself whether a node is another live node, whose claim on a batch's last execution leaves the batch to it
     * @param endingHere     whether this process may still be running or ending an execution: a batch whose last execution
     *                       it is is left alone, whatever the job repository says of that execution
     */
    private Restarts recover(Predicate<JobExecution> take, Predicate<Long> lostHere, OffsetDateTime batchesChangedBefore,
                             Predicate<String> holdsForItself, Predicate<Long> endingHere) {
        Restarts plan = new Restarts();
        List<JobExecution> interrupted = new ArrayList<>();
        for (JobExecution e : running.all()) {
            if (take.test(e)) {
                interrupted.add(e);
            }
        }
        interrupted.sort(Comparator.comparing((JobExecution e) -> BATCH_JOBS.contains(e.getJobInstance().getJobName()) ? 0 : 1)
                .thenComparing(JobExecution::getId));
        Set<String> batchesDone = new HashSet<>();
        for (Iterator<JobExecution> it = interrupted.iterator(); it.hasNext(); ) {
            JobExecution e = it.next();
            try {
                markInterrupted(e, lostHere.test(e.getId()) ? LOST : INTERRUPTED);
                jobOperator.recover(e);
            } catch (RuntimeException failed) {
                // one run that cannot be marked (changed meanwhile: its node finished it after all) must not stop the others
                log.warn("{} execution {} could not be marked FAILED; left as it is: {}", e.getJobInstance().getJobName(), e.getId(),
                        failed.toString());
                it.remove();
                continue;
            }
            plan.recovered.add(e.getId());
            log.warn("{} execution {} ({}) was interrupted; marked FAILED", e.getJobInstance().getJobName(), e.getId(),
                    e.getJobParameters());
        }
        for (JobExecution e : interrupted) {
            String jobName = e.getJobInstance().getJobName();
            if (BATCH_JOBS.contains(jobName)) {
                String batchId = e.getJobParameters().getString(ImportJobParameters.BATCH_ID);
                int attempt = e.getJobParameters().getLong(ImportJobParameters.ATTEMPT).intValue();
                if (batches.findById(batchId).map(b -> b.attempt() != attempt).orElse(true)) {
                    abandon(e, plan.abandoned);
                    continue;
                }
                batchesDone.add(batchId);
            }
            if (interruptedTooOften(e, plan.notRestarted)) {
                continue;
            }
            plan.toRun.add(new Restart(jobName + " execution " + e.getId(), () -> restart(e, plan.restarted)));
        }
        if (batchesChangedBefore == null) {
            return plan;
        }
        QueuedRuns queuedHere = queued.getIfAvailable(() -> QueuedRuns.NONE);
        for (Batch b : attempts.findInStatus(BatchStatus.CONVERTING, null)) {
            if (batchesDone.contains(b.id()) || !b.updatedAt().isBefore(batchesChangedBefore) || queuedHere.isPending(b.id(), b.attempt())) {
                // a reprocess or retry queued here for a thread is the batch's run, however long it waits
                continue;
            }
            JobParameters params = ImportJobParameters.of(b.id(), b.attempt());
            JobInstance instance = jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            if (last == null) {
                if (claimStart(b, holdsForItself)) {
                    plan.toRun.add(new Restart(ofBatch(b), () -> startLeftWithoutJob(b, params, plan.takenUp)));
                }
            } else if (!stillHere(b, last, endingHere) && takenAsFailed(last) && !heldByAnotherNode(b, last, holdsForItself)
                    && !interruptedTooOften(last, plan.notRestarted) && claimLast(b, last)) {
                plan.toRun.add(new Restart(ofBatch(b), () -> {
                    try {
                        log.warn("batch {} attempt {} was left CONVERTING after a failed run; restarting it", b.id(), b.attempt());
                        jobOperator.restart(last);
                        plan.takenUp.add(b.id());
                    } catch (Exception ex) {
                        notTakenUp(b, BatchStatus.CONVERTING, ex);
                    }
                }));
            }
        }
        for (Batch b : attempts.findInStatus(BatchStatus.STAGED, null)) {
            if (batchesDone.contains(b.id()) || !b.updatedAt().isBefore(batchesChangedBefore) || queuedHere.isPending(b.id(), b.attempt())) {
                continue;
            }
            Optional<JobExecution> last = AttemptExecutions.newest(jobRepository, b.id(), b.attempt());
            if (last.isEmpty() || stillHere(b, last.get(), endingHere) || !takenAsFailed(last.get())
                    || heldByAnotherNode(b, last.get(), holdsForItself)) {
                continue;
            }
            if (ImportJobParameters.JOB_NAME.equals(last.get().getJobInstance().getJobName())
                    && AttemptExecutions.failedOnlyInReceipt(last.get())) {
                // staged to wait for the night, only its report failed (ImportFailureListener): the nightly load loads it and
                // the receipt redelivery sends the receipt; nothing was interrupted
                log.info("batch {} attempt {} waits STAGED for its nightly load (its import failed only to report it); left to it",
                        b.id(), b.attempt());
                continue;
            }
            if (interruptedTooOften(last.get(), plan.notRestarted) || !claimLast(b, last.get())) {
                continue;
            }
            plan.toRun.add(new Restart(ofBatch(b), () -> {
                try {
                    log.warn("batch {} attempt {} was resumed as STAGED but its {} never ran again; restarting it", b.id(), b.attempt(),
                            last.get().getJobInstance().getJobName());
                    jobOperator.restart(last.get());
                    plan.takenUp.add(b.id());
                } catch (Exception ex) {
                    notTakenUp(b, BatchStatus.STAGED, ex);
                }
            }));
        }
        return plan;
    }

    /**
     * Whether this process may still be running or ending the batch's last execution. Spring Batch writes a job's end (FAILED,
     * STOPPED) before the job's listeners run: for that moment the job repository reads as a failed run while its
     * {@link ImportFailureListener} has yet to fail the batch and send the receipt, and a run the hub's stop ended STOPPED
     * reads as one to restart while the stop is under way. A restart then was a second run of the attempt beside the first:
     * a second receipt, or a run the shutdown cut off.
     */
    private static boolean stillHere(Batch b, JobExecution last, Predicate<Long> endingHere) {
        if (!endingHere.test(last.getId())) {
            return false;
        }
        // debug: a convert longer than node-timeout is seen so at every look
        log.debug("batch {} attempt {}: its last {} execution {} ({}) runs here or ended here a moment ago; left to it", b.id(),
                b.attempt(), last.getJobInstance().getJobName(), last.getId(), last.getStatus());
        return true;
    }

    private static String ofBatch(Batch b) {
        return "batch " + b.id() + " attempt " + b.attempt();
    }

    /** Whether a live other node holds the batch's last execution: it restarts the batch, or is about to. */
    private boolean heldByAnotherNode(Batch b, JobExecution last, Predicate<String> holdsForItself) {
        Optional<HubNodes.Owner> owner = nodes.ownerOf(last.getId());
        if (owner.isPresent() && holdsForItself.test(owner.get().node())) {
            log.info("batch {} attempt {}: its last {} execution {} is held by node {}, which is alive: left to it", b.id(),
                    b.attempt(), last.getJobInstance().getJobName(), last.getId(), owner.get().node());
            return true;
        }
        return false;
    }

    /** Claims a batch's last execution for this node before its restart: whether the claim won. */
    private boolean claimLast(Batch b, JobExecution last) {
        if (nodes.claim(last.getId(), nodes.ownerOf(last.getId()), node.id())) {
            return true;
        }
        log.info("batch {} attempt {}: its last execution {} was claimed by another node meanwhile: left to it", b.id(), b.attempt(),
                last.getId());
        return false;
    }

    /**
     * Claims for this node the start of a batch left CONVERTING without any job execution, before its start: a batch a live
     * other node claimed is left to it (it starts the batch, or is about to, behind its other restarts). A claim of a node
     * silent for node-timeout, or of this node (its own earlier look, before a restart of the process), is taken over.
     */
    private boolean claimStart(Batch b, Predicate<String> holdsForItself) {
        Optional<BatchAttempts.StartClaim> seen = attempts.startClaim(b.id(), b.attempt());
        if (seen.isPresent() && holdsForItself.test(seen.get().node())) {
            log.info("batch {} attempt {}: its start was claimed by node {} at {}, which is alive: left to it", b.id(), b.attempt(),
                    seen.get().node(), seen.get().at());
            return false;
        }
        if (attempts.claimStartWithoutJob(b.id(), b.attempt(), seen.map(BatchAttempts.StartClaim::node), node.id())) {
            return true;
        }
        log.info("batch {} attempt {}: its start was claimed by another node meanwhile, or the batch moved on: left as it is",
                b.id(), b.attempt());
        return false;
    }

    /**
     * Starts the job of a batch left CONVERTING without one, if it still is: the claim ({@link #claimStart}) keeps other
     * nodes' recovery from it, not a reprocess of a stuck batch or an announcement, whose start would show here.
     */
    private void startLeftWithoutJob(Batch b, JobParameters params, List<String> takenUp) {
        try {
            boolean still = batches.findById(b.id()).map(now -> now.attempt() == b.attempt() && now.status() == BatchStatus.CONVERTING)
                    .orElse(false);
            JobInstance instance = jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params);
            if (!still || instance != null && !jobRepository.getJobExecutions(instance).isEmpty()) {
                log.info("batch {} attempt {} was taken up by another start meanwhile; left to it", b.id(), b.attempt());
                return;
            }
            log.warn("batch {} attempt {} was left CONVERTING without a job; starting it", b.id(), b.attempt());
            // an instance without an execution (the crash fell inside jobOperator.start) is deleted first
            AttemptJobStarts.start(jobOperator, jobRepository, importJob, params);
            takenUp.add(b.id());
        } catch (Exception ex) {
            notTakenUp(b, BatchStatus.CONVERTING, ex);
        }
    }

    private static Report report(Report report) {
        if (!report.recovered().isEmpty() || !report.batchesTakenUp().isEmpty() || !report.notRestarted().isEmpty()) {
            log.warn("recovery of interrupted jobs: {}", report);
        }
        return report;
    }

    /**
     * A batch whose start or restart threw: left to another node's start that beat this one (INFO), otherwise FAILED for an
     * admin ({@link #failForAnAdmin}).
     */
    private void notTakenUp(Batch b, BatchStatus expected, Exception ex) {
        if (StartFailures.lostToAnotherStart(ex)) {
            log.info("batch {} attempt {} was taken up by another start meanwhile ({})", b.id(), b.attempt(),
                    StartFailures.howAnotherStartTookIt(ex));
            return;
        }
        log.error("could not take up batch {} attempt {}", b.id(), b.attempt(), ex);
        failForAnAdmin(b.id(), b.attempt(), expected, ImportFailureListener.PROCESSING_ERROR_MESSAGE);
    }

    /**
     * Whether the execution's instance was interrupted more often than restarts are allowed: its runs took the hub down
     * with them (a batch too big for the memory, killed by the kernel or the container's limit), and restarting it once
     * more would do it again at every start. Then it is not restarted, its batch (if any, and still CONVERTING or STAGED)
     * becomes FAILED with {@link #INTERRUPTED_TOO_OFTEN}, for an admin to reprocess or retry. The count is of the
     * instance's executions that recovery marked {@link #INTERRUPTED}, so an admin's retry gets one more run, and a
     * reprocess (a new attempt, a new instance) starts from none.
     */
    private boolean interruptedTooOften(JobExecution e, List<Long> notRestarted) {
        long interruptions = jobRepository.getJobExecutions(e.getJobInstance()).stream()
                .filter(InterruptedJobRecovery::wasInterrupted).count();
        if (interruptions <= maxInterruptedRestarts) {
            return false;
        }
        notRestarted.add(e.getId());
        String jobName = e.getJobInstance().getJobName();
        if (!BATCH_JOBS.contains(jobName)) {
            log.error("{} execution {} ({}) was interrupted {} times (the hub stopped while it ran); not restarting it again "
                    + "(hub.jobs.recovery.max-interrupted-restarts={}): its next scheduled run starts afresh", jobName, e.getId(),
                    e.getJobParameters(), interruptions, maxInterruptedRestarts);
            return true;
        }
        String batchId = e.getJobParameters().getString(ImportJobParameters.BATCH_ID);
        int attempt = e.getJobParameters().getLong(ImportJobParameters.ATTEMPT).intValue();
        log.error("batch {} attempt {}: its {} was interrupted {} times (the hub stopped while it ran: killed for its memory?); "
                + "not restarting it again (hub.jobs.recovery.max-interrupted-restarts={}); a batch still CONVERTING or STAGED is "
                + "failed, for an admin to reprocess or retry", batchId, attempt, jobName, interruptions, maxInterruptedRestarts);
        batches.findById(batchId)
                .filter(b -> b.attempt() == attempt)
                .filter(b -> b.status() == BatchStatus.CONVERTING || b.status() == BatchStatus.STAGED)
                .ifPresent(b -> failForAnAdmin(batchId, attempt, b.status(), INTERRUPTED_TOO_OFTEN.formatted(interruptions)));
        return true;
    }

    /**
     * Whether a batch's last run ended so that recovery restarts it: FAILED or STOPPED, or UNKNOWN (a connection lost
     * inside a step, whose listener could not mark it: the database was still down), which is marked FAILED first,
     * since Spring Batch refuses to restart an UNKNOWN run.
     */
    private boolean takenAsFailed(JobExecution last) {
        if (UnknownOutcomes.markFailed(last, jobRepository)) {
            last.setEndTime(last.getEndTime() != null ? last.getEndTime() : java.time.LocalDateTime.now());
            jobRepository.update(last);
            log.warn("{} execution {} ended UNKNOWN: {}", last.getJobInstance().getJobName(), last.getId(), UnknownOutcomes.DESCRIPTION);
        }
        return last.getStatus() == org.springframework.batch.core.BatchStatus.FAILED
                || last.getStatus() == org.springframework.batch.core.BatchStatus.STOPPED;
    }

    static boolean wasInterrupted(JobExecution e) {
        String description = e.getExitStatus() == null ? null : e.getExitStatus().getExitDescription();
        return description != null && description.startsWith(INTERRUPTED);
    }

    private static void markInterrupted(JobExecution e, String description) {
        ExitStatus interrupted = ExitStatus.FAILED.addExitDescription(description);
        e.setExitStatus(interrupted);
        for (StepExecution s : e.getStepExecutions()) {
            if (s.getStatus().isRunning()) {
                s.setExitStatus(interrupted);
            }
        }
    }

    /**
     * A batch that recovery cannot take up becomes FAILED with a processing error, while it is still as recovery found
     * it: left CONVERTING or STAGED, nothing would ever take it up again (a redelivered announcement takes only RECEIVED
     * batches, reprocess refuses a batch with a job running, retry one that is not FAILED), and every start would try and
     * fail again. FAILED, an admin can reprocess or retry it, and the sender hears of it.
     */
    private void failForAnAdmin(String batchId, int attempt, BatchStatus expected, String reason) {
        try {
            if (!batches.markFailedIfStill(batchId, attempt, expected, ErrorCodes.PROCESSING_ERROR, reason)) {
                return;
            }
        } catch (RuntimeException e) {
            // the database is down too: the next start finds the batch as this one did
            log.error("batch {} attempt {} stays {}", batchId, attempt, expected, e);
            return;
        }
        try {
            reporter.report(batchId);
        } catch (RuntimeException e) {
            log.error("batch {} attempt {} is FAILED; its receipt follows by redelivery", batchId, attempt, e);
        }
    }

    private void restart(JobExecution e, List<Long> restarted) {
        try {
            JobExecution next = jobOperator.restart(e);
            restarted.add(e.getId());
            log.info("{} execution {} restarted as {}: {}", e.getJobInstance().getJobName(), e.getId(), next.getId(), next.getStatus());
        } catch (Exception ex) {
            if (StartFailures.lostToAnotherStart(ex)) {
                log.info("{} execution {} was restarted by another start meanwhile ({})", e.getJobInstance().getJobName(), e.getId(),
                        StartFailures.howAnotherStartTookIt(ex));
                return;
            }
            log.error("could not restart {} execution {}", e.getJobInstance().getJobName(), e.getId(), ex);
        }
    }

    private void abandon(JobExecution e, List<Long> abandoned) {
        try {
            jobOperator.abandon(e);
            abandoned.add(e.getId());
            log.info("{} execution {} belongs to a superseded attempt; abandoned", e.getJobInstance().getJobName(), e.getId());
        } catch (Exception ex) {
            log.error("could not abandon {} execution {}", e.getJobInstance().getJobName(), e.getId(), ex);
        }
    }
}
