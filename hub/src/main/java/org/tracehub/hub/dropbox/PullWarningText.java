package org.tracehub.hub.dropbox;

import org.tracehub.routes.pull.PullWarning;

/**
 * What a pull's warning means to an admin, in Chinese: the words of the {@code pulls} health, {@code GET /api/sources} and
 * the console alike. Worded by its kind, since they call for different actions: a file not fetched deleted by hand would
 * never reach the hub, and one kept back by the hub's full disk waits for space on the hub, not on the legacy server.
 */
public final class PullWarningText {

    private PullWarningText() {
    }

    public static String of(PullWarning warning) {
        return switch (warning.kind()) {
            case LEFT_AFTER_FETCH -> warning.filesLeft() + " 个已拉取的文件未能在原服务器上移走或删除，仍留在原服务器的目录中"
                    + "（平台已接收，不会再次拉取）：请在原服务器上手工移走或删除，并按详情检查拉取账号的权限";
            case NOT_FETCHED -> warning.filesLeft() + " 个文件未拉取，仍留在原服务器上（平台尚未接收）：下一次定时或请求的拉取会再试。"
                    + "原因见详情（导出仍在写入、文件一直在变化，或原服务器的时钟偏快）；请勿在原服务器上删除这些文件";
            case WAITING_FOR_DISK -> warning.filesLeft() + " 个文件因平台数据盘空间不足未拉取，仍留在原服务器上（平台尚未接收）："
                    + "请清理平台数据盘或扩容（hub.intake.min-disk-free）；空间恢复后平台自动再拉取，请勿在原服务器上删除这些文件";
            case UNMATCHED_NAMES -> "拉取未取到任何文件，但原服务器上有 " + warning.filesLeft() + " 个文件的文件名不符合该来源的文件名规则"
                    + "（映射规范的 file-names），未拉取：原服务器的导出可能已改名，请核对映射规范或原系统的导出设置，名称见详情";
        };
    }
}
