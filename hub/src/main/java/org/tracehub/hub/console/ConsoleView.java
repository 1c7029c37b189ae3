package org.tracehub.hub.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchStatus;

/** Formatting for the templates, as {@code ui} in every console page's model. */
public final class ConsoleView {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    ConsoleView(Clock clock) {
        this.clock = clock;
    }

    public String status(BatchStatus status) {
        return ConsoleTexts.status(status);
    }

    public String tone(BatchStatus status) {
        return ConsoleTexts.tone(status);
    }

    /** A batch's badge: its status, or 等待磁盘空间 for a FAILED batch the hub retries once the disk has space. */
    public ShownStatus shown(Batch batch) {
        return ShownStatus.of(batch);
    }

    /** How often something recurs, as a setting's interval reads: 5 分钟, 2 小时, 30 秒. */
    public String every(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " 小时";
        }
        return s >= 60 && s % 60 == 0 ? s / 60 + " 分钟" : Math.max(s, 1) + " 秒";
    }

    public String transport(String transport) {
        return ConsoleTexts.transport(transport);
    }

    /** A Spring Batch job's name, Chinese first: 导入（importJob）. */
    public String job(String name) {
        return JobTexts.job(name);
    }

    /** A Spring Batch step's name, Chinese first: 转换校验（convertStep）. */
    public String step(String name) {
        return JobTexts.step(name);
    }

    /** A Spring Batch status or exit code, Chinese first: 已完成（COMPLETED）. */
    public String jobStatus(String status) {
        return JobTexts.status(status);
    }

    /** A time in the hub's zone. */
    public String time(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(clock.getZone()).format(DATE_TIME);
    }


    public String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KB", n / 1024.0);
        }
        return String.format("%.1f MB", n / (1024.0 * 1024));
    }

    public String severity(String severity) {
        return "WARNING".equals(severity) ? "警告" : "错误";
    }

    /** The current page's URL with another page number, its other parameters (filters) kept. */
    public String page(int page) {
        var uri = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page", page).build();
        return uri.getPath() + "?" + uri.getQuery();
    }

    /** The time between a job's start and end; "进行中" while the end is missing. */
    public String between(OffsetDateTime start, OffsetDateTime end) {
        return start == null || end == null ? "进行中" : duration(java.time.Duration.between(start, end));
    }

    public String duration(java.time.Duration d) {
        if (d == null) {
            return "进行中";
        }
        long s = d.toSeconds();
        return s < 60 ? (d.toMillis() / 1000.0) + " 秒" : (s / 60) + " 分 " + (s % 60) + " 秒";
    }
}
