package org.tracehub.hub.api;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.ops.DatabaseBackup;
import org.tracehub.hub.ops.DeadLetters;

/**
 * Admin operations (ADMIN only, each call in the audit log): an online backup of the embedded H2 database, and clearing
 * the broker's dead letters. README, "Backup and restore" and "Operations and alerting".
 */
@RestController
@RequestMapping("/api/admin")
public class OperationsController {

    private final DatabaseBackup backup;
    private final DeadLetters deadLetters;

    public OperationsController(DatabaseBackup backup, DeadLetters deadLetters) {
        this.backup = backup;
        this.deadLetters = deadLetters;
    }

    /** The dead letters removed. */
    public record Cleared(int removed, List<DeadLetters.Removed> messages) {
    }

    /**
     * Writes {@code backups/tracehub-<yyyyMMdd-HHmmss>.zip} ({@code format=zip}, the default) or {@code .sql.gz}
     * ({@code format=sql}) in the data directory: 201 with its path and size.
     */
    @PostMapping("/database-backup")
    public ResponseEntity<DatabaseBackup.Written> databaseBackup(@RequestParam(defaultValue = "zip") String format) {
        DatabaseBackup.Format chosen = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "zip" -> DatabaseBackup.Format.ZIP;
            case "sql" -> DatabaseBackup.Format.SQL;
            default -> throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "备份格式只能是zip或sql");
        };
        if (!backup.embedded()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrorCodes.BACKUP_NOT_EMBEDDED,
                    "数据库不是内嵌的H2数据库，请用数据库自身的工具备份（PostgreSQL：pg_dump）");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(backup.backup(chosen));
    }

    /** Removes every message of the broker's dead-letter and expiry queues, after they were looked into. */
    @PostMapping("/dead-letters/clear")
    public Cleared clearDeadLetters() {
        List<DeadLetters.Removed> removed = deadLetters.clear();
        return new Cleared(removed.size(), removed);
    }
}
