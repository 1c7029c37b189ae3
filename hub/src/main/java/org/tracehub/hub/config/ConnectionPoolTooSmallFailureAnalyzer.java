package org.tracehub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the console shows when the start stops on a pool smaller than the settings need: the settings, and what to change. */
class ConnectionPoolTooSmallFailureAnalyzer extends AbstractFailureAnalyzer<ConnectionPoolTooSmallException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectionPoolTooSmallException cause) {
        return new FailureAnalysis(cause.getMessage(), "将 " + ConnectionPoolCheck.POOL_SIZE + " 调大到至少 " + cause.needed()
                + "（另留几个给管理台和接口的请求），或调小上述设置。PostgreSQL 上各节点连接池之和须小于服务器的 max_connections"
                + "（README.md，PostgreSQL）。", cause);
    }
}
