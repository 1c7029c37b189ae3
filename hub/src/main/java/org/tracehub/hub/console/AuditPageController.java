package org.tracehub.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tracehub.hub.audit.AuditLog;

/** The audit log page: who did what to which batch, when (admins only, once the hub has logins). */
@Controller
public class AuditPageController {

    private final AuditLog auditLog;
    private final ConsoleProperties properties;

    public AuditPageController(AuditLog auditLog, ConsoleProperties properties) {
        this.auditLog = auditLog;
        this.properties = properties;
    }

    @GetMapping("/console/audit")
    public String audit(@RequestParam(defaultValue = "0") int page, Model model) {
        Pages pages = Pages.of(page, properties.pageSize(), auditLog.count(null));
        model.addAttribute("entries", auditLog.find(null, pages.offset(), pages.size()));
        model.addAttribute("pages", pages);
        return "console/audit";
    }
}
