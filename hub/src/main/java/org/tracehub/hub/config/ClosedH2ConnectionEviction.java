package org.tracehub.hub.config;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the pool that a connection of an embedded H2 database H2 has closed (a write a full disk refused closes it for
 * good: error 90098) is dead. The pool tests a connection with {@code connection-test-query} only after half a second
 * idle, so on a busy hub a connection handed from request to request was never tested and failed every one of them;
 * thrown away instead, it is replaced by one that opens the database again. Hikari's own list knows no H2 codes; every
 * other error is left to it (PostgreSQL's included).
 */
public final class ClosedH2ConnectionEviction implements SQLExceptionOverride {

    /** H2's {@code ErrorCode.DATABASE_IS_CLOSED}. */
    static final int DATABASE_IS_CLOSED = 90098;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return e.getErrorCode() == DATABASE_IS_CLOSED ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
