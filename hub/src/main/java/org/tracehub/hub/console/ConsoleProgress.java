package org.tracehub.hub.console;

import org.tracehub.jobs.progress.BatchProgress;
import org.tracehub.platform.batch.BatchStatus;

/**
 * A batch's progress as the batch page's bar shows it: the jobs' {@link BatchProgress} with Chinese
 * texts and whether polling can stop.
 *
 * @param percent  null when unknown (the bar then shows activity without a figure)
 * @param finished       nothing more happens without an admin or the nightly load
 * @param stuck          left CONVERTING past {@code hub.jobs.stuck-after} with no run running or queued (the jobs'
 *                       {@code BatchActions.isStuck}): nothing will move it on, so the page stops polling and says so
 * @param waitingForDisk FAILED, but the hub restarts its run once the disk has space ({@code hub.jobs.disk-full-retry}):
 *                       not finished, so the page polls on, at its slowest, and shows the retry resuming it
 */
public record ConsoleProgress(String status, String statusText, String phase, String phaseText, boolean running, boolean finished,
                              Integer percent, long rowsRead, Long estimatedTotalRows, Long rowsToLoad, Long rowsLoaded,
                              boolean stuck, boolean waitingForDisk) {

    /** @param waitingForDisk FAILED, but waiting for disk space: said so, not 处理失败 */
    static ConsoleProgress of(BatchProgress p, boolean stuck, boolean waitingForDisk) {
        BatchStatus status = BatchStatus.valueOf(p.status());
        boolean waiting = waitingForDisk && status == BatchStatus.FAILED;
        boolean finished = !waiting && !p.running() && (status.isFinal() || "WAITING_FOR_LOAD".equals(p.phase()));
        Integer percent = "WAITING_FOR_LOAD".equals(p.phase()) ? Integer.valueOf(100) : p.percent();
        String statusText = waiting ? ShownStatus.WAITING_TEXT : ConsoleTexts.status(status);
        return new ConsoleProgress(p.status(), statusText, p.phase(), waiting ? ShownStatus.WAITING_TEXT : phaseText(p), p.running(),
                finished, percent,
                p.rowsRead(), p.estimatedTotalRows(), p.rowsToLoad(), p.rowsLoaded(), stuck, waiting);
    }

    private static String phaseText(BatchProgress p) {
        return switch (p.phase()) {
            case "WAITING" -> "排队等待处理";
            case "CONVERTING" -> "转换校验中：已读取 " + p.rowsRead() + " 行"
                    + (p.estimatedTotalRows() == null ? "" : "，约 " + p.estimatedTotalRows() + " 行");
            case "WAITING_FOR_LOAD" -> "已校验，等待夜间入库";
            case "LOADING" -> "入库中：已写入 " + (p.rowsLoaded() == null ? 0 : p.rowsLoaded()) + " / "
                    + (p.rowsToLoad() == null ? "?" : p.rowsToLoad()) + " 条";
            case "DONE" -> "已完成";
            case "FAILED" -> "处理失败";
            default -> p.phase();
        };
    }
}
