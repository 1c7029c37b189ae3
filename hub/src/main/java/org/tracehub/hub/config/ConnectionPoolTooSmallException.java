package org.tracehub.hub.config;

import java.util.List;

/** The database connection pool is smaller than what the settings let the hub hold at once ({@link ConnectionPoolCheck}). */
public class ConnectionPoolTooSmallException extends RuntimeException {

    private final int poolSize;
    private final int needed;

    ConnectionPoolTooSmallException(int poolSize, int needed, List<String> users) {
        super("数据库连接池太小：" + ConnectionPoolCheck.POOL_SIZE + " 为 " + poolSize + "，而以下设置可同时占用 " + needed
                + " 个连接（" + String.join("；", users) + "）。连接不够时，等不到连接的导入或加载会失败。");
        this.poolSize = poolSize;
        this.needed = needed;
    }

    public int poolSize() {
        return poolSize;
    }

    public int needed() {
        return needed;
    }
}
