package org.tracehub.hub.console;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.BatchJobHistory;
import org.tracehub.jobs.progress.BatchProgressService;
import org.tracehub.jobs.recovery.DiskFullWaits;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.platform.batch.Batch;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.trace.LostVersions;
import org.tracehub.schemas.validation.ErrorCodes;

/** The batch list and the batch page, and the progress the batch page polls. */
@Controller
public class BatchPagesController {

    private static final java.util.Set<BatchStatus> REPROCESSABLE = java.util.EnumSet.of(BatchStatus.LOADED, BatchStatus.FAILED,
            BatchStatus.STAGED, BatchStatus.UNKNOWN_SOURCE);

    private final BatchSearch search;
    private final BatchRepository batches;
    private final RowProblemsPage problems;
    private final BatchJobHistory history;
    private final BatchProgressService progress;
    private final AuditLog auditLog;
    private final SourceStatusQuery sources;
    private final ConsoleProperties properties;
    private final BatchAttempts attempts;
    private final BatchActions actions;
    private final LostVersions lostVersions;
    private final SpecArchive specArchive;
    private final DiskFullWaits diskFullWaits;
    /** Rows listed of those whose versions a newer batch's reprocess removed; the notice counts them all. */
    static final int LOST_ROWS_SHOWN = 100;
    /** The batch page shows the newest entries of its audit trail; the audit page ({@code ?batch=}) all of them. */
    private static final int RECENT_AUDIT_ENTRIES = 20;

    public BatchPagesController(BatchSearch search, BatchRepository batches, RowProblemsPage problems, BatchJobHistory history,
                                BatchProgressService progress, AuditLog auditLog, SourceStatusQuery sources, ConsoleProperties properties,
                                BatchAttempts attempts, BatchActions actions, LostVersions lostVersions, SpecArchive specArchive,
                                DiskFullWaits diskFullWaits) {
        this.attempts = attempts;
        this.diskFullWaits = diskFullWaits;
        this.specArchive = specArchive;
        this.lostVersions = lostVersions;
        this.actions = actions;
        this.search = search;
        this.batches = batches;
        this.problems = problems;
        this.history = history;
        this.progress = progress;
        this.auditLog = auditLog;
        this.sources = sources;
        this.properties = properties;
    }

    @GetMapping("/console/batches")
    public String list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        BatchFilter filter = BatchFilter.shown(blankToNull(source), status(status), day(from), day(to));
        Pages pages = Pages.countedUpTo(page, properties.pageSize(), atMost -> search.countUpTo(filter, atMost));
        model.addAttribute("filter", filter);
        model.addAttribute("batches", search.find(filter, pages.offset(), pages.size()));
        model.addAttribute("pages", pages);
        model.addAttribute("statuses", ShownStatus.all());
        model.addAttribute("shownStatus", status(status));
        model.addAttribute("sources", List.copyOf(sources.ids()));
        // a source removed from the configuration is no option of the filter, but its batches stay findable by it
        model.addAttribute("removedSource", filter.source() != null && !sources.ids().contains(filter.source()) ? filter.source() : null);
        return "console/batches";
    }

    @GetMapping("/console/batches/{id}")
    public String batch(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model) {
        Batch batch = find(id);
        long problemCount = batch.attempt() == 0 ? 0 : problems.count(id, batch.attempt());
        Pages pages = Pages.of(page, properties.pageSize(), problemCount);
        model.addAttribute("batch", batch);
        // a FAILED batch the hub retries by itself once the disk has space: when, and how many tries are left
        model.addAttribute("diskWait", diskFullWaits.of(batch).orElse(null));
        ConsoleProgress shown = progress(id);
        model.addAttribute("progress", shown);
        model.addAttribute("poll", properties);
        model.addAttribute("problems", batch.attempt() == 0 ? java.util.List.of()
                : problems.find(id, batch.attempt(), pages.offset(), pages.size()));
        model.addAttribute("pages", pages);
        model.addAttribute("executions", history.of(id, batch.attempt()));
        model.addAttribute("audit", auditLog.find(id, 0, RECENT_AUDIT_ENTRIES));
        model.addAttribute("auditTotal", auditLog.countOfBatch(id));
        // which attempt consumers see: after a reprocess that failed, the page's 第 2 次处理 / 处理失败 is not what the
        // trace store holds (attempt 1's events stay until an attempt loads)
        model.addAttribute("loadedAttempt", attempts.loadedAttempt(id).orElse(null));
        // which version of the source's spec made the batch (V33), and whether its text is kept to be read
        BatchRepository.SpecVersions versions = batches.specVersions(id).orElse(new BatchRepository.SpecVersions(null, null));
        model.addAttribute("specVersions", versions);
        model.addAttribute("specKept", versions.current() != null && specArchive.text(versions.current()).isPresent());
        model.addAttribute("loadedSpecKept", versions.loaded() != null && specArchive.text(versions.loaded()).isPresent());
        // as the receipt words them: counts of a run the hub stopped before counting, and why rows were skipped
        model.addAttribute("countsNote", Receipt.countsNote(batch));
        model.addAttribute("skipReasons", Receipt.skipReasonsText(batch));
        // its accepted rows whose versions a newer batch replaced and then, reprocessed, removed: its receipt and counts
        // still say accepted, and the warning that says otherwise is on the newer batch's page
        long lostCount = lostVersions.count(id);
        model.addAttribute("lostCount", lostCount);
        model.addAttribute("lostCode", ErrorCodes.RECORD_REMOVED_OLDER_VERSION_LOST);
        model.addAttribute("lostRows", lostCount == 0 ? List.of() : lostVersions.of(id, LOST_ROWS_SHOWN));
        // whether the sender's outbox holds this batch's receipt: the download below is rebuilt from the batch, not read
        // from the outbox, so it says nothing about what the sender got
        model.addAttribute("receipt", batches.receiptOf(id).orElse(null));
        Optional<OffsetDateTime> purged = attempts.archivePurgedAt(id);
        model.addAttribute("archivePurgedAt", purged.orElse(null));
        // as the jobs' BatchActions allow; they refuse anything else with a reason the page shows
        model.addAttribute("canRetry", batch.status() == BatchStatus.FAILED && (ErrorCodes.PROCESSING_ERROR.equals(batch.failureCode())
                || ErrorCodes.DISK_FULL.equals(batch.failureCode())));
        // a batch left CONVERTING by a run that will never end it is reprocessable too, or nothing would take it up
        boolean stuck = shown.stuck();
        model.addAttribute("stuck", stuck);
        model.addAttribute("canReprocess", (REPROCESSABLE.contains(batch.status()) || stuck) && purged.isEmpty());
        return "console/batch";
    }

    @GetMapping(path = "/console/batches/{id}/progress", produces = "application/json")
    @ResponseBody
    public ConsoleProgress progress(@PathVariable String id) {
        Batch batch = find(id);
        boolean stuck = actions.isStuck(batch);
        return progress.of(id).map(p -> ConsoleProgress.of(p, stuck, batch.waitingForDisk()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id));
    }

    private Batch find(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id);
        }
        return batches.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：" + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A {@link ShownStatus} name, or null for any. */
    private static String status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (ShownStatus.all().stream().noneMatch(shown -> shown.name().equals(s))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "未知的批次状态：" + s);
        }
        return s;
    }

    private static BatchDays.Bound day(String s) {
        try {
            return BatchDays.parse(s);
        } catch (BatchDays.BadDay e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
