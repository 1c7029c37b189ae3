package org.tracehub.hub.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.jobs.actions.BulkReprocess;
import org.tracehub.jobs.actions.BulkReprocessRefused;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.routes.intake.SourceIds;

/**
 * A source's bulk reprocess in the console (admin): the confirmation, which says how many batches the period selects
 * before anything starts (the form on the source page leads here), and a request's progress. The pages post to the API.
 */
@Controller
public class BulkReprocessPagesController {

    private final BatchSearch search;
    private final BulkReprocess bulk;

    public BulkReprocessPagesController(BatchSearch search, BulkReprocess bulk) {
        this.search = search;
        this.bulk = bulk;
    }

    @GetMapping("/console/sources/{id}/reprocess")
    public String confirm(@PathVariable String id, @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to, @RequestParam(required = false) String status, Model model) {
        if (!SourceIds.isWellFormed(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "来源不存在：" + id);
        }
        model.addAttribute("sourceId", id);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("status", status == null || status.isBlank() ? null : status);
        try {
            BatchDays.Bound start = BatchDays.parse(from);
            BatchDays.Bound end = BatchDays.parse(to);
            if (start == null || end == null) {
                model.addAttribute("problem", "请填写接收日期范围的开始和结束日期");
            } else {
                BatchStatus only = status == null || status.isBlank() ? null : BatchStatus.valueOf(status);
                model.addAttribute("statusText", only == null ? null : only.chinese());
                model.addAttribute("count", search.count(new BatchFilter(id, only, start, end)));
            }
        } catch (BatchDays.BadDay e) {
            model.addAttribute("problem", e.getMessage());
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", "未知的批次状态：" + status);
        }
        model.addAttribute("unfinished", bulk.ofSource(id, 1).stream().filter(r -> !r.state().finished()).findFirst().orElse(null));
        return "console/bulk-reprocess-confirm";
    }

    @GetMapping("/console/sources/{id}/reprocess/{requestId}")
    public String progress(@PathVariable String id, @PathVariable String requestId, Model model) {
        BulkReprocess.Progress progress;
        try {
            progress = bulk.progress(requestId);
        } catch (BulkReprocessRefused e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        if (!progress.request().sourceId().equals(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "来源" + id + "没有批量重新处理请求 " + requestId);
        }
        model.addAttribute("request", progress.request());
        model.addAttribute("items", progress.items());
        return "console/bulk-reprocess";
    }
}
