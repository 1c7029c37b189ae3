package org.tracehub.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.audit.AuditEntry;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.platform.batch.BatchIds;

/** The audit log, newest first (admins only, once the hub has logins). */
@RestController
@Tag(name = "audit")
public class AuditLogController {

    public static final int PAGE_SIZE = 50;

    private final AuditLog auditLog;

    public AuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "操作日志", description = "Who did what to which batch, when; newest first, " + PAGE_SIZE + " per page.")
    public List<AuditEntry> list(@RequestParam(required = false) String batch, @RequestParam(defaultValue = "0") int page) {
        if (batch != null && !batch.isBlank() && !BatchIds.isWellFormed(batch)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "批次号格式不正确：" + batch);
        }
        return auditLog.find(batch == null || batch.isBlank() ? null : batch,
                ApiPages.offset(page, PAGE_SIZE, "请用 batch 参数按批次查看。"), PAGE_SIZE);
    }
}
