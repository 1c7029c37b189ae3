package org.tracehub.routes.pull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.tracehub.platform.schedule.CronDue;
import org.tracehub.platform.schedule.CronSettings;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.reminder.Reminders;

/**
 * When one source's pull runs, and how each run went. It is the sftp consumer's scheduler and poll
 * strategy at once: a run is one poll of the legacy folder, started by the source's cron (if any), by
 * {@link #request()} ("pull now", e.g. from the nightly sync), or by a retry after a failure. Runs of
 * one source never overlap; a request during a run is served by that run.
 *
 * <p>A run fails when the poll fails (connection, login, host key, listing) or when a file could not be
 * downloaded (it is also the consumer's exception handler) or taken in. A failed run is retried after {@code initial-delay}, then twice as long each time up
 * to {@code max-delay}, at most {@code max-attempts} times; after that the next cron or request tries again, with
 * retries of its own: a series of retries starts with every scheduled or requested run, so a server that was down one
 * night does not leave every later night's failure without a retry. The failures in a row since the last success (the
 * pull state, health) are counted across series.
 *
 * <p>A run that left files because they changed too lately ({@link PulledFileFilter}: {@code hub.pull.min-file-age}) or
 * because the settle check gave up on them, still changing ({@link SettleCheck}: {@code hub.pull.settle-give-up}), pulls
 * again once they are old enough (and settled), at most {@link #MAX_FOLLOW_UPS} times after a scheduled or requested run.
 * Before, the run ended a success with 0 files and the file waited for the next night's cron, every night an export ran
 * late or the server's clock a little fast. Files the last follow-up still leaves become the source's pull warning (health
 * DEGRADED), naming them and why, until a later run that lists the whole folder leaves none (fetched, or gone from the
 * server). A modification time far ahead of the hub's clock is said once per run at WARN.
 *
 * <p>A file whose download would take the hub's data disk below {@code hub.intake.min-disk-free} is not downloaded
 * ({@link DiskFloorReadLock}): it stays on the legacy server, untouched, and the run, a success, leaves a warning of kind
 * {@link PullWarning.Kind#WAITING_FOR_DISK} naming it. The source pulls again every {@code hub.pull.retry.max-delay}, at
 * most {@link #MAX_DISK_WAITS} times, until space is back; the problem is logged at ERROR when first met and once a day
 * while it lasts.
 *
 * <p>When the scheduler starts (the route starts with the hub), a cron whose last due time passed while the hub was down,
 * with no successful pull since, pulls once at once.
 *
 * <p>Nodes sharing a PostgreSQL database run the same pulls on the same crons: a run holds the source's advisory lock
 * ({@link AdvisoryLocks}, {@code pull:<source>}) for its whole length, and a run that finds another node holding it is
 * skipped, since that node is pulling the source. Otherwise both listed the folder before either had recorded a file,
 * both fetched it (one batch a DUPLICATE whose receipt took the real one's name), and the slower node's move or delete
 * on the legacy server failed its run every night. A run that cannot ask for the lock (the database is down) fails and
 * is retried. The pull state is written on the way, but a run does not depend on it: a write the database refuses is
 * logged, and the run's retry is scheduled all the same.
 */
final class PullSchedule implements ScheduledPollConsumerScheduler, PollingConsumerPollStrategy, ExchangeExceptionHandler,
        PulledFileFilter.Observer {

    private static final Logger log = LoggerFactory.getLogger(PullSchedule.class);
    /** How far back a start looks for the cron's last due time: far enough for a monthly cron, so in effect no bound. */
    private static final Duration CATCH_UP_LOOK_BACK = Duration.ofDays(366);
    /** Follow-up runs for files left too new or still changing, after one scheduled or requested run: a few a night, not a loop. */
    static final int MAX_FOLLOW_UPS = 3;
    /**
     * Runs for files the disk's floor kept back, after one scheduled or requested run, each {@code hub.pull.retry.max-delay}
     * after the last (a day at the default 30m): long enough for an admin to free space, and no listing of the legacy
     * folder for ever when nobody does; the next scheduled or requested run begins again.
     */
    static final int MAX_DISK_WAITS = 48;
    /** Names of files matching none of the source's file names that a warning lists; the count says the rest. */
    static final int MAX_NAMES_IN_WARNING = 10;

    private final String sourceId;
    private final String cron;
    private final TaskScheduler tasks;
    private final PullStatusStore status;
    private final PullProperties.Retry retry;
    private final Clock clock;
    private final AdvisoryLocks locks;
    private final long lockKey;
    private final ReentrantLock running = new ReentrantLock();
    private final Duration minFileAge;
    private final Duration settleTime;

    private volatile CamelContext camelContext;
    private volatile Runnable poll;
    private volatile boolean started;
    private volatile ScheduledFuture<?> scheduled;
    private volatile ScheduledFuture<?> retrying;
    private volatile ScheduledFuture<?> followingUp;

    /** Failed runs since the last scheduled or requested run began a series of retries; guarded by {@link #running}. */
    private int failuresInSeries;
    /** Follow-up runs since the last scheduled or requested run; guarded by {@link #running}. */
    private int followUpsInSeries;
    /** Whether the run in progress is a retry or follow-up of a series, not a scheduled or requested run; guarded by {@link #running}. */
    private boolean runOfSeries;
    /** Runs for files kept back by the disk's floor since the last scheduled or requested run; guarded by {@link #running}. */
    private int diskWaitsInSeries;
    /** The disk's floor kept this source's files back: told at ERROR when first met and once a day, not at every run. */
    private final Reminders<String> diskShortTold;

    // the run in progress
    private volatile boolean begun;
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<String> leftOnServer = new CopyOnWriteArrayList<>();
    /** Files left for their age: when each is old enough. */
    private final Map<String, Instant> tooNew = new ConcurrentHashMap<>();
    /** Files the settle check gave up on, still changing. */
    private final Set<String> keptChanging = ConcurrentHashMap.newKeySet();
    /** Files the disk's floor kept from being downloaded ({@link DiskFloorReadLock}), and how short the disk was. */
    private final Set<String> waitingForDisk = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> diskShort = new AtomicReference<>();
    /** Files listed whose names match none of the source's file names (the filter's), in the run in progress. */
    private final Set<String> unmatched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean aheadSaid = new AtomicBoolean();
    private volatile Runnable beforeEachRun = () -> { };

    /** The files the latest run that took any in left on the legacy server; null once a run moved or deleted all of its. */

    PullSchedule(String sourceId, String cron, TaskScheduler tasks, PullStatusStore status, PullProperties.Retry retry, Clock clock,
                 AdvisoryLocks locks) {
        this(sourceId, cron, tasks, status, retry, clock, locks, Duration.ZERO, Duration.ZERO);
    }

    /** @param minFileAge and {@code settleTime}: how long a follow-up waits for a file left too new */
    PullSchedule(String sourceId, String cron, TaskScheduler tasks, PullStatusStore status, PullProperties.Retry retry, Clock clock,
                 AdvisoryLocks locks, Duration minFileAge, Duration settleTime) {
        this.sourceId = sourceId;
        this.minFileAge = minFileAge;
        this.settleTime = settleTime.isNegative() ? Duration.ZERO : settleTime;
        this.cron = cron;
        this.tasks = tasks;
        this.status = status;
        this.retry = retry;
        this.clock = clock;
        this.locks = locks;
        this.lockKey = lockKey(sourceId);
        this.diskShortTold = new Reminders<>(clock);
        if (!cron.isBlank()) {
            // a bad expression fails at start-up, not at night, naming the setting
            CronSettings.parse("hub.pull.sources." + sourceId + ".cron", cron);
        }
    }

    /** Pull as soon as a thread is free. False when the source's route is not running. */
    boolean request() {
        if (poll == null) {
            return false;
        }
        tasks.schedule(this::run, Instant.now());
        return true;
    }

    /** A scheduled or requested run: it begins a new series of retries. */
    private void run() {
        run(false);
    }

    private void retry() {
        run(true);
    }

    /** A run for files the series' last run left too new: part of that series, as its retries are. */
    private void followUp() {
        run(true);
    }

    private void run(boolean retryOfSeries) {
        if (!running.tryLock()) {
            log.debug("pull of {} is already running", sourceId);
            return;
        }
        try {
            Runnable task = poll;
            if (task == null) {
                return;
            }
            runOfSeries = retryOfSeries;
            if (!retryOfSeries) {
                cancel(retrying);
                cancel(followingUp);
                failuresInSeries = 0;
                followUpsInSeries = 0;
                diskWaitsInSeries = 0;
            }
            begun = false;
            fetched.set(0);
            failure.set(null);
            leftOnServer.clear();
            tooNew.clear();
            keptChanging.clear();
            waitingForDisk.clear();
            diskShort.set(null);
            unmatched.clear();
            aheadSaid.set(false);
            boolean[] polling = {false};
            boolean ran;
            try {
                ran = locks.tryHolding(lockKey, () -> {
                    polling[0] = true;
                    task.run();
                });
            } catch (RuntimeException e) {
                // without the lock, whether another node is pulling cannot be told: pulling anyway could fetch its files twice
                begun = true;
                failure.compareAndSet(null, (polling[0] ? "" : "cannot take the pull lock: ") + describe(e));
                ran = true;
            }
            if (!ran) {
                log.info("pull of {} skipped: another node holds its lock and is pulling it", sourceId);
                return;
            }
            if (begun) {
                finish();
            }
        } finally {
            running.unlock();
        }
    }

    /** The advisory lock of a source's pulls, the same on every node. */
    static long lockKey(String sourceId) {
        return AdvisoryLocks.key("pull:" + sourceId);
    }

    private void finish() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String failed = failure.get();
        List<String> left = List.copyOf(leftOnServer);
        Map<String, Instant> waiting = new TreeMap<>(tooNew);
        Set<String> changing = new TreeSet<>(keptChanging);
        Set<String> noSpace = new TreeSet<>(waitingForDisk);
        boolean leftForLater = !waiting.isEmpty() || !changing.isEmpty();
        Set<String> misnamed = new TreeSet<>(unmatched);
        // nothing fetched, but files there the source's names do not match: a renamed export, never to be fetched as it is
        boolean onlyMisnamed = failed == null && fetched.get() == 0 && !misnamed.isEmpty() && started && left.isEmpty()
                && noSpace.isEmpty() && !leftForLater;
        if (onlyMisnamed) {
            unmatchedNames(now, misnamed);
        }
        if (!left.isEmpty()) {
            PullWarning warning = new PullWarning(PullWarning.Kind.LEFT_AFTER_FETCH, now, left.size(), left.get(0));
            recorded("its warning", () -> {
                status.warned(sourceId, warning);
                return null;
            });
        }
        if (!noSpace.isEmpty()) {
            waitingForDisk(now, noSpace);
        } else {
            // the disk let every file this run met through: a floor reached again is a new problem, told at once
            diskShortTold.forgetIf(sourceId::equals);
        }
        if (left.isEmpty() && noSpace.isEmpty() && failed == null && !leftForLater && started && !onlyMisnamed) {
            // a run that listed the folder to the end (its route not stopped halfway) and left nothing there to warn of:
            // the files a warning of files not fetched named were fetched, by it or before, or are no longer there (removed,
            // renamed, taken by someone else). Waiting for a run that fetches files kept such a warning for ever once its
            // file was gone. A warning of files taken in and left on the server needs more: this run moved or deleted files
            // of its own, so whatever kept the earlier ones there is fixed. Not so for a follow-up or retry minutes after
            // the run that left them: they are still there, and the admin may not have read the warning yet
            boolean clearsAll = fetched.get() > 0 && !runOfSeries;
            recorded("the end of its warning", () -> {
                if (clearsAll) {
                    status.warningCleared(sourceId);
                } else {
                    status.notFetchedWarningCleared(sourceId);
                }
                return null;
            });
        }
        if (failed == null) {
            cancel(retrying);
            failuresInSeries = 0;
            recorded("its success", () -> {
                status.succeeded(sourceId, now, fetched.get(), misnamed.size());
                return null;
            });
            if (left.isEmpty()) {
                log.info("pull of {} fetched {} file(s)", sourceId, fetched.get());
            } else {
                log.info("pull of {} fetched {} file(s), {} of them left on the legacy server (warned above)", sourceId,
                        fetched.get(), left.size());
            }
            if (!noSpace.isEmpty()) {
                // the files too new are listed again by the same run, once space is back
                waitForDisk();
            } else if (leftForLater) {
                followUp(now, waiting, changing);
            }
            return;
        }
        failuresInSeries++;
        Integer inARow = recorded("its failure", () -> status.failed(sourceId, now, failed));
        // the pull state could not count them: this series' failures are at least that many
        String failures = inARow != null ? inARow.toString() : "at least " + failuresInSeries;
        if (failuresInSeries <= retry.getMaxAttempts()) {
            Duration delay = backOff(failuresInSeries);
            retrying = tasks.schedule(this::retry, Instant.now().plus(delay));
            log.warn("pull of {} failed ({} in a row), trying again in {}: {}", sourceId, failures, delay, failed);
        } else {
            log.error("pull of {} failed {} times in a row ({} retries of this run); waiting for the next scheduled or requested "
                    + "pull: {}", sourceId, failures, failuresInSeries - 1, failed);
        }
    }

    /**
     * Pulls again once the files left too new are old enough and settled (a file still changing as the run gave up on it is
     * old enough min-file-age from now); after {@link #MAX_FOLLOW_UPS} follow-ups, a pull warning names the files instead
     * (they keep changing, or the server's clock runs ahead by less than the tolerance): the next scheduled or requested
     * run tries them again.
     */
    private void followUp(OffsetDateTime now, Map<String, Instant> waiting, Set<String> changing) {
        int left = waiting.size() + changing.size();
        if (followUpsInSeries < MAX_FOLLOW_UPS) {
            followUpsInSeries++;
            Instant oldEnough = waiting.values().stream().max(Comparator.naturalOrder()).orElse(clock.instant());
            Duration untilOldEnough = Duration.between(clock.instant(), oldEnough);
            Duration delay = (untilOldEnough.compareTo(minFileAge) > 0 ? untilOldEnough : minFileAge).plus(settleTime);
            followingUp = tasks.schedule(this::followUp, Instant.now().plus(delay));
            List<String> which = new ArrayList<>();
            if (!waiting.isEmpty()) {
                which.add("that changed too lately (" + waiting.keySet() + ")");
            }
            if (!changing.isEmpty()) {
                which.add("that kept changing through the settle check (" + changing + ")");
            }
            log.info("pull of {} left {} file(s) {}; pulling again in {} (follow-up {} of {})", sourceId, left,
                    String.join(" and ", which), delay, followUpsInSeries, MAX_FOLLOW_UPS);
            return;
        }
        int runs = MAX_FOLLOW_UPS + 1;
        List<String> why = new ArrayList<>();
        if (!changing.isEmpty()) {
            // told apart from a file too new: nothing about the clocks, the file itself did not stop changing
            why.add(String.join("、", changing) + " 一直在变化，未拉取，仍留在原服务器上：本次拉取共 " + runs + " 次运行，最后一次运行时"
                    + "其大小或修改时间仍在改变，等待其不再变化超时（hub.pull.settle-time 检查）。可能导出仍在写入，或有程序反复改写该文件；"
                    + "下一次定时或请求的拉取会再试 (" + String.join(", ", changing) + (changing.size() == 1 ? " was" : " were")
                    + " still changing when the settle check gave up at the last of this pull's runs (" + runs + "); not fetched)");
        }
        if (!waiting.isEmpty()) {
            why.add(String.join("、", waiting.keySet()) + " 修改时间太近，未拉取，仍留在原服务器上：本次拉取共 " + runs + " 次运行，"
                    + "每次运行时其最后修改距今都不足 hub.pull.min-file-age（" + minFileAge + "）。可能导出仍在写入，或原服务器的时钟偏快；"
                    + "下一次定时或请求的拉取会再试 (" + String.join(", ", waiting.keySet()) + " changed less than hub.pull.min-file-age ("
                    + minFileAge + ") before each of this pull's runs (" + runs + ") and " + (waiting.size() == 1 ? "stays" : "stay")
                    + " on the legacy server, not fetched: an export still being written, or a server clock running ahead)");
        }
        String text = String.join("; ", why);
        log.warn("pull of {}: {}", sourceId, text);
        recorded("its warning", () -> {
            status.warned(sourceId, new PullWarning(PullWarning.Kind.NOT_FETCHED, now, left, text));
            return null;
        });
    }

    /**
     * Files the disk's floor kept back: a warning of its own kind (free space on the hub, leave the files on the server),
     * and a line at ERROR when the problem is first met and once a day while it lasts, not at every run.
     */
    private void waitingForDisk(OffsetDateTime now, Set<String> files) {
        String names = String.join("、", files);
        String text = names + " 因平台数据盘空间不足未拉取，仍留在原服务器上（未移动、未删除）：" + diskShort.get()
                + "。请清理数据盘或扩容；空间恢复后平台自动再拉取，请勿在原服务器上删除这些文件 (not downloaded: the hub's data disk is "
                + "below hub.intake.min-disk-free; pulled again once space is freed)";
        if (diskShortTold.due(sourceId)) {
            log.error("拉取 {}：{}（本问题每天提醒一次）", sourceId, text);
        } else {
            log.debug("拉取 {}：{}", sourceId, text);
        }
        recorded("its warning", () -> {
            status.warned(sourceId, new PullWarning(PullWarning.Kind.WAITING_FOR_DISK, now, files.size(), text));
            return null;
        });
    }

    /** Pulls again a while later, when space may be back: the files kept back wait on the legacy server until then. */
    private void waitForDisk() {
        if (diskWaitsInSeries >= MAX_DISK_WAITS) {
            log.warn("pull of {}: the data disk has stayed below hub.intake.min-disk-free through {} runs; the files wait for the "
                    + "next scheduled or requested pull", sourceId, MAX_DISK_WAITS + 1);
            return;
        }
        diskWaitsInSeries++;
        Duration delay = retry.getMaxDelay();
        followingUp = tasks.schedule(this::followUp, Instant.now().plus(delay));
        log.info("pull of {}: pulling again in {} for the files the data disk's floor kept back ({} of {})", sourceId, delay,
                diskWaitsInSeries, MAX_DISK_WAITS);
    }

    /**
     * A file the disk's floor kept from being downloaded, in the run in progress: the data disk (of {@code folder}) had
     * {@code free} bytes, the floor is {@code floor}.
     */
    void waitingForDisk(String name, long free, long floor, Path folder) {
        waitingForDisk.add(name);
        diskShort.set("平台数据盘（" + folder + "）剩余 " + DiskFloor.megabytes(free) + "，低于 hub.intake.min-disk-free（"
                + DiskFloor.megabytes(floor) + "）");
    }

    /** A file the settle check gave up on, still changing, in the run in progress. */
    void keptChanging(String name) {
        keptChanging.add(name);
    }

    /** A file the filter left as its name matches none of the source's file names, in the run in progress. */
    @Override
    public void unmatched(String name) {
        unmatched.add(name);
    }

    /**
     * A run that fetched nothing and left files whose names match none of the source's: a pull warning (health DEGRADED),
     * as the run is a success and the INFO line of each name, once a day, was all that said so.
     */
    private void unmatchedNames(OffsetDateTime now, Set<String> names) {
        List<String> shown = names.stream().limit(MAX_NAMES_IN_WARNING).toList();
        String text = String.join("、", shown) + (names.size() > shown.size() ? " 等" : "")
                + "（文件名不符合该来源映射规范的 file-names，未拉取，仍留在原服务器上：原服务器的导出文件可能已改名，请核对映射规范或导出设置）";
        log.warn("pull of {} fetched nothing: {} file(s) on the legacy server match none of the source's file names, e.g. {}; "
                + "an export renamed there is never fetched (pull warning UNMATCHED_NAMES)", sourceId, names.size(), shown.get(0));
        recorded("its warning", () -> {
            status.warned(sourceId, new PullWarning(PullWarning.Kind.UNMATCHED_NAMES, now, names.size(), text));
            return null;
        });
    }

    /** A file the filter left for its age, in the run in progress. */
    @Override
    public void tooNew(String name, Instant oldEnoughAt) {
        tooNew.put(name, oldEnoughAt);
    }

    /** A file stamped ahead of the hub's clock: said once per run, its file taken as the settle check allows. */
    @Override
    public void stampedAhead(String server, String name, Duration ahead) {
        if (aheadSaid.compareAndSet(false, true)) {
            log.warn("pull of {}: {} stamps {} {} ahead of the hub's clock: its clock runs fast (or the hub's slow); such a "
                    + "file is fetched once it stops changing (hub.pull.settle-time), not held back until its time comes. Set "
                    + "both clocks by NTP", sourceId, server, name, ahead.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    Duration backOff(int failures) {
        Duration delay = retry.getInitialDelay();
        for (int i = 1; i < failures && delay.compareTo(retry.getMaxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retry.getMaxDelay()) > 0 ? retry.getMaxDelay() : delay;
    }

    /** A fetched file was taken in. */
    void fileTaken() {
        fetched.incrementAndGet();
    }

    /**
     * A file taken in could not be moved or deleted on the legacy server afterwards ({@link AfterFetchFailures}): the run
     * still succeeds (the file is in the hub), with a warning.
     */
    void leftOnServer(String what) {
        leftOnServer.add(what);
    }

    /** A fetched file could not be taken in; it stays on the legacy server. */
    void fileFailed(String name, Throwable cause) {
        failure.compareAndSet(null, name + ": " + describe(cause));
    }

    // --- the sftp consumer's poll strategy

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        begun = true;
        OffsetDateTime now = OffsetDateTime.now(clock);
        recorded("its start", () -> {
            status.started(sourceId, now);
            return null;
        });
        try {
            beforeEachRun.run();
        } catch (RuntimeException e) {
            // e.g. no file names to fetch by (the source's spec is refused): a failed run, in the pull state and health
            failure.compareAndSet(null, describe(e));
            return false;
        }
        return true;
    }

    /** What must hold before each run lists the folder (the filter reading the source's current globs); throws if not. */
    void beforeEachRun(Runnable check) {
        this.beforeEachRun = check;
    }

    /**
     * A write to the pull state, which the pull does without: a database that refuses it now (a restart, a failover) must
     * not end the run before its retry is scheduled, or the night's files wait for the next night.
     *
     * @return the write's result, or null when it failed
     */
    private <T> T recorded(String what, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            log.warn("pull of {}: {} could not be recorded in the pull state: {}", sourceId, what, describe(e));
            return null;
        }
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // the outcome is recorded once the whole run is over, files included
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        failure.compareAndSet(null, describe(cause));
        return false; // retried by this schedule, with back-off
    }

    // --- the sftp consumer's exception handler

    /**
     * What the consumer cannot hand to the route: above all a file whose download failed (a dropped connection, a full
     * work folder, a file it may not read). Camel only logs it by default, so the run counted as a success and nothing
     * retried it; here it fails the run, and the file stays on the server for the retry.
     */
    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String file = exchange == null ? null : exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        log.warn("pull of {}: {}{}", sourceId, file == null ? "" : file + ": ", describe(exception));
        failure.compareAndSet(null, (file == null ? "" : file + ": ") + describe(exception));
    }

    // --- the sftp consumer's scheduler

    @Override
    public void onInit(Consumer consumer) {
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.poll = task;
    }

    @Override
    public void unscheduleTask() {
        cancel(scheduled);
        cancel(retrying);
        cancel(followingUp);
        poll = null;
        started = false;
    }

    @Override
    public void startScheduler() {
        if (started) {
            return;
        }
        started = true;
        if (!cron.isBlank()) {
            scheduled = tasks.schedule(this::run, new CronTrigger(cron, clock.getZone()));
            if (missedItsLastDueRun()) {
                tasks.schedule(this::run, Instant.now());
            }
        }
    }

    /**
     * Whether the cron was due while the hub was down (a night's maintenance window over 02:30) and no pull has succeeded
     * since: a cron only looks forward, so that night's files would wait for the next one. Then the source pulls once
     * now. A source that never pulled (a new configuration) waits for its cron, as it would have before.
     */
    private boolean missedItsLastDueRun() {
        Optional<ZonedDateTime> due = CronDue.lastDue(cron, ZonedDateTime.now(clock), CATCH_UP_LOOK_BACK);
        if (due.isEmpty()) {
            return false;
        }
        Optional<PullStatus> last;
        try {
            last = status.find(sourceId);
        } catch (RuntimeException e) {
            log.warn("pull of {}: cannot tell whether its run due at {} was missed; waiting for its cron", sourceId, due.get(), e);
            return false;
        }
        if (last.isEmpty() || last.get().lastAttemptAt() == null) {
            return false;
        }
        OffsetDateTime success = last.get().lastSuccessAt();
        if (success != null && !success.toInstant().isBefore(due.get().toInstant())) {
            return false;
        }
        log.warn("pull of {} was due at {} and has not succeeded since (last success: {}); pulling now", sourceId,
                due.get().toOffsetDateTime(), success == null ? "never" : success);
        return true;
    }

    @Override
    public boolean isSchedulerStarted() {
        return started;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        unscheduleTask();
    }

    @Override
    public void shutdown() {
        unscheduleTask();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 900; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
