package org.tracehub.platform.sql;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database the store is on ("H2", "PostgreSQL"), for the few statements that differ between them. */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    public static String of(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the hub stores into", e);
        }
    }

    /** The same, for code given only a {@link JdbcClient}: asked of a connection it borrows. */
    public static String of(JdbcClient jdbc) {
        return jdbc.sql("SELECT 1").query(rs -> {
            return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
        });
    }
}
