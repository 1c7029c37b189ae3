package org.tracehub.hub.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.platform.batch.BatchIds;

/** The audit log page: who did what to which batch, when (admins only, once the hub has logins). */
@Controller
public class AuditPageController {

    private final AuditLog auditLog;
    private final ConsoleProperties properties;

    public AuditPageController(AuditLog auditLog, ConsoleProperties properties) {
        this.auditLog = auditLog;
        this.properties = properties;
    }

    /** Every entry, or with {@code ?batch=} one batch's: its page shows only the newest. */
    @GetMapping("/console/audit")
    public String audit(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String batch, Model model) {
        String batchId = batch == null || batch.isBlank() ? null : batch.trim();
        if (batchId != null && !BatchIds.isWellFormed(batchId)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "批次号格式不正确：" + batchId);
        }
        // the whole log grows by every upload, download and action: counted to the page's end and 10000 more, not whole
        Pages pages = Pages.countedUpTo(page, properties.pageSize(), atMost -> auditLog.countUpTo(batchId, atMost));
        model.addAttribute("entries", auditLog.find(batchId, pages.offset(), pages.size()));
        model.addAttribute("pages", pages);
        model.addAttribute("batchId", batchId);
        return "console/audit";
    }
}
