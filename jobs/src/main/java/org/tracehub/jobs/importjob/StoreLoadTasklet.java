package org.tracehub.jobs.importjob;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StoreLoadLock;
import org.tracehub.platform.storage.BelowDiskFloorException;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.trace.KeyConflict;
import org.tracehub.platform.trace.RecordKeySpelling;
import org.tracehub.platform.trace.SharedTraceCode;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;
import org.tracehub.schemas.validation.Severity;

/**
 * Loads one attempt's staged events into the central store, each event by its record (source and record key)
 * (insert or update, with its trace links), then switches the batch to this attempt. How many
 * transactions that takes depends on what the store holds of the batch:
 * <ul>
 * <li><b>Replacing an attempt</b> (a reprocess of a loaded batch): one transaction, the step's. The
 * events of the attempt loaded before that this one no longer produced are removed in it too, so
 * readers see the previous attempt until the commit and exactly this one after it, never a mix; a
 * failure rolls everything back and the restart loads again.</li>
 * <li><b>A first load</b> (nothing of the batch in the store): a transaction per {@code pagesPerTransaction}
 * pages (the tasklet returns {@code CONTINUABLE}, the step commits and calls it again), the position
 * kept in the step's execution context, so a failed load restarts after its last committed page.
 * There is nothing to mix with; readers see the batch's events arrive as its pages commit. One
 * transaction for a whole file was the load's main cost on H2 (its commit alone took about as long as
 * the writes, and the uncommitted changes filled the heap).</li>
 * </ul>
 * The first page of a first load claims the store for the attempt ({@link BatchAttempts#claimStore}),
 * so an attempt that supersedes it half-way knows which attempt's events to remove. Every transaction first takes the
 * attempt's load for its job ({@link BatchAttempts#claimLoad}); an attempt another job has taken (the import's load and
 * the nightly sync's load job, after its source switched between on-arrival and nightly) is left to that job. Staged events are
 * read a page at a time; the next pages' XML is parsed on another thread while one is written.
 *
 * <p>No page is written while the data disk is below {@code hub.intake.min-disk-free} ({@link DiskFloor}), as no chunk is
 * staged ({@link ConvertedRowWriter}): the store is the embedded H2's file, or a PostgreSQL that small installs keep on the
 * same disk, and a load written on until the disk is full closes H2 or stops PostgreSQL. The transaction rolls back, the
 * batch waits for space (DISK_FULL, {@link ImportFailureListener}) and the restart loads after the last committed page.
 */
class StoreLoadTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StoreLoadTasklet.class);

    /** Pages parsed ahead of the one being written. */
    static final int PARSE_AHEAD = 2;

    private final String batchId;
    private final int attempt;
    private final int pageSize;
    private final int pagesPerTransaction;
    private final StagedEventRepository staged;
    private final TraceEventStore store;
    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final BatchAttempts attempts;
    private final StoreLoadLock lock;
    private final LiveProgress progress;
    private final RefusedRowCells refusedRowCells;
    private final DiskFloor diskFloor;
    private final TransactionTemplate claims;
    /** The batch's file kind's key columns as its spec names them now, for the warnings; empty when unknown. */
    private final List<String> keyColumns;
    /** What this batch's rows count (lines, or an XML export's record ordinals), as its warnings name them. */
    private RowNumbering numbering = RowNumbering.LINES;
    /** What the rows of the other batches named in warnings count, looked up once a batch. */
    private final Map<String, RowNumbering> numberingOf = new HashMap<>();
    /** The files of the other batches named in refusals, looked up once a batch. */
    private final Map<String, String> fileNameOf = new HashMap<>();

    StoreLoadTasklet(String batchId, int attempt, int pageSize, int pagesPerTransaction, StagedEventRepository staged,
                     TraceEventStore store, BatchRepository batches, BatchErrorRepository errors, BatchAttempts attempts,
                     StoreLoadLock lock, LiveProgress progress, RefusedRowCells refusedRowCells, DiskFloor diskFloor,
                     PlatformTransactionManager transactionManager, List<String> keyColumns) {
        this.diskFloor = diskFloor;
        this.keyColumns = List.copyOf(keyColumns);
        this.batchId = batchId;
        this.attempt = attempt;
        this.pageSize = pageSize;
        this.pagesPerTransaction = Math.max(1, pagesPerTransaction);
        this.staged = staged;
        this.store = store;
        this.batches = batches;
        this.errors = errors;
        this.attempts = attempts;
        this.lock = lock;
        this.progress = progress;
        this.refusedRowCells = refusedRowCells;
        // the claim commits at once: in the load's transaction it held the batch row for the whole load (a reprocess
        // loads in one), and every other write to the row (a receipt's record, an admin's action) waited for it
        this.claims = new TransactionTemplate(transactionManager);
        this.claims.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws BelowDiskFloorException {
        ExecutionContext position = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        boolean done = false;
        try {
            lock.acquireForCurrentTransaction();
            Optional<Batch> batch = batches.findById(batchId);
            if (batch.map(b -> b.attempt() != attempt).orElse(true)) {
                throw new SupersededAttemptException(batchId, attempt);
            }
            numbering = batch.get().rowNumbering();
            // the batch stays STAGED while it loads: the import and the nightly sync's load job may both find the attempt
            String job = chunkContext.getStepContext().getJobName();
            if (!Boolean.TRUE.equals(claims.execute(status -> attempts.claimLoad(batchId, attempt, job)))) {
                String other = attempts.loadJob(batchId).orElse("none");
                log.info("batch {} attempt {} is loaded by its {}, not by this {}; left to it", batchId, attempt, other, job);
                contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(
                        "not loaded here: the attempt's load was taken by its " + other));
                done = true;
                return RepeatStatus.FINISHED;
            }
            // the store holds one attempt of a batch at most: the one switched in or claimed by a load (under this lock)
            Optional<Integer> replaced = attempts.loadedAttempt(batchId).filter(a -> a != attempt);
            if (replaced.isEmpty() && !attempts.claimStore(batchId, attempt)) {
                throw new SupersededAttemptException(batchId, attempt);
            }
            if (!position.containsKey(LoadStepKeys.TOTAL)) {
                position.putLong(LoadStepKeys.TOTAL, staged.count(batchId, attempt));
            }
            long total = position.getLong(LoadStepKeys.TOTAL);
            long afterRow = position.getLong(LoadStepKeys.AFTER_ROW, 0L);
            long loaded = position.getLong(LoadStepKeys.LOADED, 0L);
            int pageLimit = replaced.isPresent() ? Integer.MAX_VALUE : pagesPerTransaction;
            progress.loading(batchId, attempt, loaded, total);

            Pages pages = loadPages(afterRow, pageLimit, loaded, total);
            // counted once the pages are written: a page that fails is rolled back and counts nothing
            for (long i = loaded; i < pages.loaded(); i++) {
                contribution.incrementReadCount();
            }
            contribution.incrementWriteCount(pages.loaded() - loaded);
            if (pages.more()) {
                savePosition(position, pages);
                return RepeatStatus.CONTINUABLE;
            }
            // events of the attempt loaded before that this attempt no longer produced leave the store with it
            // and a record whose version had replaced another batch's takes that batch's accepted row with it: said here
            replaced.ifPresent(previous -> warnLost(store.removeEventsOfAttempt(batchId, previous).lost()));
            staged.deleteOtherAttempts(batchId, attempt);
            batches.updateRowsWarned(batchId, attempt, errors.countWarnedRows(batchId, attempt));
            // the rows refused above, of every page, as the clerk sent them: the report shows them beside their refusal
            refusedRowCells.fill(batchId, attempt);
            if (!attempts.markLoaded(batchId, attempt)) {
                throw new SupersededAttemptException(batchId, attempt);
            }
            savePosition(position, pages);
            done = true;
            return RepeatStatus.FINISHED;
        } catch (RuntimeException | Error | BelowDiskFloorException e) {
            done = true;
            throw e;
        } finally {
            if (done) {
                progress.ended(batchId, attempt);
            }
        }
    }

    private record Pages(long afterRow, long loaded, boolean more) {
    }

    /**
     * A page's findings. A record the file has twice whose newer version a later batch holds was written from
     * neither row: both rows say so (RECORD_SUPERSEDED), and the later one does not also claim to have replaced the
     * earlier (RECORD_REPEATED's "以本行为准"). Rows refused for another kind's record under their key
     * (RECORD_KEY_CONFLICT) are errors, the page's only ones; a trace code an unrelated source uses (TRACE_CODE_SHARED)
     * is a warning on a loaded row, and so is a row repeating another batch's record under a key typed otherwise
     * (RECORD_KEY_SPELLING).
     */
    private void warn(TraceEventStore.PageResult result) {
        Map<Long, TraceEventStore.SupersededRecord> superseded = new HashMap<>();
        result.superseded().forEach(r -> superseded.put(r.row(), r));
        List<TraceEventStore.SupersededRecord> alsoSuperseded = new ArrayList<>();
        for (TraceEventStore.RepeatedRecord r : result.repeated()) {
            TraceEventStore.SupersededRecord newer = superseded.get(r.row());
            if (newer == null) {
                warnRepeated(r);
            } else {
                alsoSuperseded.add(new TraceEventStore.SupersededRecord(r.earlierRow(), newer.newerBatchId(), newer.newerRow()));
            }
        }
        alsoSuperseded.forEach(this::warnSuperseded);
        result.superseded().forEach(this::warnSuperseded);
        refuse(result.conflicts());
        result.shared().forEach(this::warnShared);
        result.spelledOtherwise().forEach(this::warnSpelling);
    }

    /**
     * A row with the content of another batch's record under a key typed otherwise (07:05 for 7:05): loaded as a second
     * record, since the id is the key's text. Names the other file and row, the key columns whose spelling differs and
     * both spellings, on the first such column.
     */
    private void warnSpelling(RecordKeySpelling s) {
        List<String> ours = s.parts();
        List<String> theirs = s.otherParts();
        boolean named = ours.size() == keyColumns.size() && theirs.size() == keyColumns.size();
        List<String> differ = new ArrayList<>();
        String firstColumn = null;
        for (int i = 0; named && i < ours.size(); i++) {
            if (!ours.get(i).equals(theirs.get(i))) {
                differ.add(keyColumns.get(i) + "：" + here() + "为“" + ours.get(i) + "”，已入库的为“" + theirs.get(i) + "”");
                firstColumn = firstColumn == null ? keyColumns.get(i) : firstColumn;
            }
        }
        String spellings = named ? String.join("；", differ)
                : here() + "为“" + String.join(" / ", ours) + "”，已入库的为“" + String.join(" / ", theirs) + "”";
        String columns = keyColumns.isEmpty() ? "" : "（" + String.join("、", keyColumns) + "）";
        errors.append(batchId, attempt, new RowProblem(s.row(), firstColumn, null, Severity.WARNING.name(), ErrorCodes.RECORD_KEY_SPELLING,
                here() + "与批次" + s.otherBatchId() + "（文件“" + fileNameOf(s.otherBatchId()) + "”）"
                        + numberingOf(s.otherBatchId()).at(s.otherRow()) + "已入库的记录内容相同（追溯码、环节、时间、经营主体、交易对方、数量），"
                        + "但唯一标识" + columns + "的写法不同（" + spellings + "）。平台按唯一标识的原文区分记录，两者现为两条记录；"
                        + "如是同一条记录，请按已入库的写法填写后重新发送，并请平台管理员删除多出的一条。" + here() + "已接收",
                String.join(" / ", ours)));
    }

    /**
     * Rows whose record key another kind of file's record of the source holds were not written ({@link KeyConflict}):
     * each is refused with the record it would have replaced, and counted rejected, not accepted, on the receipt. Their
     * raw cells are read back from the original once the last page is loaded ({@link RefusedRowCells}).
     */
    private void refuse(List<KeyConflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        for (KeyConflict c : conflicts) {
            errors.append(batchId, attempt, new RowProblem(c.row(), null, null, Severity.ERROR.name(), ErrorCodes.RECORD_KEY_CONFLICT,
                    "唯一标识“" + c.keyText() + "”与批次" + c.batchId() + "（文件“" + fileNameOf(c.batchId()) + "”）"
                            + numberingOf(c.batchId()).at(c.otherRow()) + "已入库的记录相同，但那是另一类文件的记录（环节" + c.otherStep()
                            + "，" + here() + "为" + c.step() + "）：写入会覆盖那条记录，因此" + here() + "未写入追溯库。"
                            + "请联系平台管理员为这两类文件设置能区分它们的唯一标识（key），然后重新发送", c.keyText()));
        }
        batches.refuseAcceptedRows(batchId, attempt, conflicts.size());
        log.warn("batch {} attempt {}: {} row(s) refused, their record keys held by records of another step of the source "
                        + "(first: row {} against batch {} row {}, {} vs {}): two file kinds of the spec share a key (RECORD_KEY_CONFLICT)",
                batchId, attempt, conflicts.size(), conflicts.get(0).row(), conflicts.get(0).batchId(), conflicts.get(0).otherRow(),
                conflicts.get(0).step(), conflicts.get(0).otherStep());
    }

    /** A row whose trace code an unrelated source uses too: loaded, and the clerk told the two are one chain now. */
    private void warnShared(SharedTraceCode s) {
        errors.append(batchId, attempt, new RowProblem(s.row(), null, "traceCode", Severity.WARNING.name(), ErrorCodes.TRACE_CODE_SHARED,
                "追溯码" + s.traceCode() + "已有另一数据源" + s.otherSource() + "的记录，而它不是" + here()
                        + "的交易对方：按追溯码查询时两者显示为同一条追溯链。请核对追溯码是否为本单位所编；" + here() + "已接收",
                s.traceCode()));
    }

    /** The later row of a record the file has twice says which row it replaced: the receipt shows it. */
    private void warnRepeated(TraceEventStore.RepeatedRecord r) {
        errors.append(batchId, attempt, new RowProblem(r.row(), null, null, Severity.WARNING.name(), ErrorCodes.RECORD_REPEATED,
                "与" + numbering.at(r.earlierRow()) + "是同一条记录（唯一标识相同）：以" + here() + "为准，"
                        + numbering.at(r.earlierRow()) + "的数据已被替换", null));
    }

    /**
     * A row whose record a batch received later already holds (a reprocess or a late load of an older file) was not
     * written: it says which batch and row hold the record instead.
     */
    private void warnSuperseded(TraceEventStore.SupersededRecord r) {
        errors.append(batchId, attempt, new RowProblem(r.row(), null, null, Severity.WARNING.name(), ErrorCodes.RECORD_SUPERSEDED,
                "与批次" + r.newerBatchId() + numberingOf(r.newerBatchId()).at(r.newerRow()) + "是同一条记录（唯一标识相同）："
                        + "该批次接收得更晚，以它为准，" + here() + "未写入追溯库", null));
    }

    /**
     * A record this attempt no longer stores whose removed version had replaced another (older) batch's: that batch's
     * accepted row is no longer in the store either, while its receipt still counts it. Said on this batch's row of the
     * record (the same archived file, so the same row the removed version came from), naming the older batch and row to
     * reprocess, and logged once for operations.
     */
    private void warnLost(List<TraceEventStore.LostVersion> lost) {
        if (lost.isEmpty()) {
            return;
        }
        for (TraceEventStore.LostVersion r : lost) {
            errors.append(batchId, attempt, new RowProblem(r.row(), null, null, Severity.WARNING.name(),
                    ErrorCodes.RECORD_REMOVED_OLDER_VERSION_LOST,
                    "追溯码" + r.traceCode() + "的记录（批次" + r.replacedBatchId() + numberingOf(r.replacedBatchId()).at(r.replacedRow())
                            + "曾接收的版本已被本批次替换）本次处理未再写入，现已从追溯库移除；如需恢复，请平台管理员重新处理批次"
                            + r.replacedBatchId(), null));
        }
        log.warn("batch {} attempt {}: {} record(s) no longer produced were removed from the store, and with them the versions "
                        + "older batches had sent ({}): reprocess those batches to store them again (RECORD_REMOVED_OLDER_VERSION_LOST)",
                batchId, attempt, lost.size(), lost.stream().map(TraceEventStore.LostVersion::replacedBatchId).distinct().toList());
    }

    /** The row a warning is on, as the clerk reads it beside its number: 本行, or 本条记录 beside a 记录号. */
    private String here() {
        return numbering == RowNumbering.LINES ? "本行" : "本条记录";
    }

    private String fileNameOf(String otherBatch) {
        return fileNameOf.computeIfAbsent(otherBatch, id -> batches.findById(id).map(Batch::fileName).orElse(id));
    }

    private RowNumbering numberingOf(String otherBatch) {
        return numberingOf.computeIfAbsent(otherBatch,
                id -> batches.findById(id).map(Batch::rowNumbering).orElse(RowNumbering.LINES));
    }

    /**
     * The last thing a transaction does before it returns: a failure anywhere before it must leave the
     * position of the last committed transaction in the context, which the step saves even when it fails.
     */
    private static void savePosition(ExecutionContext position, Pages pages) {
        position.putLong(LoadStepKeys.AFTER_ROW, pages.afterRow());
        position.putLong(LoadStepKeys.LOADED, pages.loaded());
    }

    /**
     * Up to {@code pageLimit} pages after {@code afterRow}. The next {@link #PARSE_AHEAD} pages are parsed on a second
     * thread while one is written: with one page ahead the writer waited for the parser at almost every page, the
     * parser getting a core only between the writer, H2's own threads and the collector (bench/README.md, finding 24).
     */
    private Pages loadPages(long afterRow, int pageLimit, long loadedBefore, long total) throws BelowDiskFloorException {
        try (ParsedPages pages = new ParsedPages(afterRow, pageLimit)) {
            long loaded = loadedBefore;
            long last = afterRow;
            while (pages.hasNext()) {
                ParsedPage page = pages.next();
                // a look at the disk's free space a page, not a row: as cheap as the convert step's a chunk
                diskFloor.check("the trace store's events of batch " + batchId + " attempt " + attempt + " (rows after "
                        + last + ")", 0);
                last = page.lastRow();
                warn(store.upsertAll(page.events(), batchId, attempt));
                loaded += page.events().size();
                progress.loading(batchId, attempt, loaded, total);
            }
            return new Pages(last, loaded, pages.more(last));
        }
    }

    private record ParsedPage(long lastRow, List<TraceEventStore.LoadedEvent> events) {
    }

    /**
     * The pages of one transaction in row order, read on the writer's thread (its transaction's connection) and
     * parsed ahead on a thread of their own.
     */
    private final class ParsedPages implements AutoCloseable {

        private record Parsing(long lastRow, Future<List<TraceEventStore.LoadedEvent>> events) {
        }

        private final ExecutorService parser = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "load-parse-" + batchId);
            t.setDaemon(true);
            return t;
        });
        private final StagedEventXml xml = new StagedEventXml(); // used on the parser thread only
        private final Deque<Parsing> ahead = new ArrayDeque<>(PARSE_AHEAD);
        private final int pageLimit;
        private long readUpTo;
        private int requested;
        private boolean exhausted;

        ParsedPages(long afterRow, int pageLimit) {
            this.readUpTo = afterRow;
            this.pageLimit = pageLimit;
            try {
                fill();
            } catch (RuntimeException | Error e) {
                // no resource for try-with-resources to close: the parser thread started for the first page goes here
                parser.shutdownNow();
                throw e;
            }
        }

        boolean hasNext() {
            return !ahead.isEmpty();
        }

        /** The next page, once parsed; before it is returned, the next page not yet ahead goes to the parser. */
        ParsedPage next() {
            Parsing parsing = ahead.poll();
            List<TraceEventStore.LoadedEvent> events = await(parsing.events());
            fill();
            return new ParsedPage(parsing.lastRow(), events);
        }

        /** Whether anything is staged after the transaction's pages: asked only when it stopped at its limit. */
        boolean more(long lastRow) {
            return !exhausted && requested == pageLimit && staged.anyAfter(batchId, attempt, lastRow);
        }

        private void fill() {
            while (ahead.size() < PARSE_AHEAD && requested < pageLimit && !exhausted) {
                List<StagedEvent> page = staged.page(batchId, attempt, readUpTo, pageSize);
                if (page.isEmpty()) {
                    exhausted = true;
                    return;
                }
                readUpTo = page.get(page.size() - 1).row();
                requested++;
                ahead.add(new Parsing(readUpTo, parser.submit(() -> parse(xml, page))));
            }
        }

        @Override
        public void close() {
            parser.shutdownNow();
        }
    }

    private static List<TraceEventStore.LoadedEvent> parse(StagedEventXml xml, List<StagedEvent> page) {
        List<TraceEvent> read = xml.readAll(page);
        List<TraceEventStore.LoadedEvent> events = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            StagedEvent e = page.get(i);
            events.add(new TraceEventStore.LoadedEvent(read.get(i), e.payload(), e.recordKey()));
        }
        return events;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("load interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
