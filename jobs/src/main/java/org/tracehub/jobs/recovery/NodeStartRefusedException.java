package org.tracehub.jobs.recovery;

import java.time.ZoneId;

/**
 * A start refused because this process cannot be a node beside the others: its node id is another live process's, or
 * its time zone is not the live nodes'. Each message says in Chinese, then in English, what was found and the setting to
 * change; the codes are stable for scripts that watch the log.
 */
public class NodeStartRefusedException extends IllegalStateException {

    /** Another process beats under this node id. */
    public static final String NODE_ID_IN_USE = "NODE_ID_IN_USE";

    /** A live node's JVM runs in a zone of other offsets. */
    public static final String NODE_ZONE_MISMATCH = "NODE_ZONE_MISMATCH";

    private final String code;

    private NodeStartRefusedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    static NodeStartRefusedException idInUse(String node, HubNodes.Row other) {
        String process = "pid " + other.pid() + " @ " + other.host();
        return new NodeStartRefusedException(NODE_ID_IN_USE, "节点名“" + node + "”正由另一个进程（" + process + "）使用，它仍在写心跳："
                + "两个进程同名会互相把对方正在运行的作业当作中断的作业重启。请为每个进程设置不同的 hub.jobs.recovery.node-id"
                + "（或留空，以主机名和数据目录命名），或先停止另一个进程。 Node id \"" + node + "\" is in use by another process ("
                + process + ") that is still beating: two processes of one id restart each other's running jobs as interrupted. "
                + "Give each process its own hub.jobs.recovery.node-id (or leave it empty: host name and data directory), or stop "
                + "the other process first.");
    }

    static NodeStartRefusedException zoneMismatch(String node, ZoneId own, String otherNode, String otherZone) {
        return new NodeStartRefusedException(NODE_ZONE_MISMATCH, "本节点“" + node + "”的 JVM 时区为 " + own + "，而运行中的节点“"
                + otherNode + "”为 " + otherZone + "：作业库中的时间按各节点的本地时区写入，时区不同时恢复会把他节点中断的作业晚数小时才接管。"
                + "请让所有节点使用同一时区（启动参数 -Duser.timezone=" + otherZone + " 或环境变量 TZ），它与 hub.time-zone 无关。 "
                + "This node's JVM zone is " + own + ", but live node \"" + otherNode + "\" runs in " + otherZone + ": the job "
                + "repository's times are written in each node's local zone, and recovery would take over interrupted runs hours "
                + "late. Run every node in one zone (-Duser.timezone=" + otherZone + " or TZ; hub.time-zone does not set it).");
    }

    public String code() {
        return code;
    }
}
