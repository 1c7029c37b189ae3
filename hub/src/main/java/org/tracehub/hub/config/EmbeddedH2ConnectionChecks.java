package org.tracehub.hub.config;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Makes the pool of an embedded H2 file check every connection before it hands it out. Hikari skips the check
 * ({@code connection-test-query}) for a connection used within the last half second, so after H2 closed its database (a
 * write a full disk refused) a connection a background look had just given back went unchecked to a user, whose query
 * then failed once ({@link ClosedH2ConnectionEviction} only threw it away afterwards). On the embedded H2 the check is a
 * call within the process; PostgreSQL's pool, for which it is a round trip, is left as it is.
 * <p>
 * Hikari reads that half second from a system property once, when it makes its pool, which the data source does on its
 * first connection: it is made here, with the property set for as long as that takes, so no other pool of the JVM reads it.
 */
@Component
public class EmbeddedH2ConnectionChecks implements BeanPostProcessor {

    static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

    /** Below any time since the last use (which Hikari counts in whole milliseconds, 0 included): always checked. */
    static final String ALWAYS = "-1";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && EmbeddedH2Url.database(pool.getJdbcUrl()).isPresent()) {
            makePoolCheckingEveryConnection(pool, beanName);
        }
        return bean;
    }

    private static void makePoolCheckingEveryConnection(HikariDataSource pool, String beanName) {
        synchronized (EmbeddedH2ConnectionChecks.class) {
            String before = System.getProperty(ALIVE_BYPASS_WINDOW);
            System.setProperty(ALIVE_BYPASS_WINDOW, ALWAYS);
            try (Connection first = pool.getConnection()) {
                // the pool is made
            } catch (SQLException e) {
                throw new BeanCreationException(beanName, "the embedded H2 database cannot be opened", e);
            } finally {
                if (before == null) {
                    System.clearProperty(ALIVE_BYPASS_WINDOW);
                } else {
                    System.setProperty(ALIVE_BYPASS_WINDOW, before);
                }
            }
        }
    }
}
