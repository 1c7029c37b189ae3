package org.tracehub.jobs.recovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source behind a switch, for every bean that uses it (the job repository, the store): switched
 * off, every new connection is refused as a pool refuses it when its database cannot be reached (Hikari's
 * {@link SQLTransientConnectionException}, SQL state 08001), until it is switched on again. The database itself (H2)
 * stays as it was.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableDatabase {

    @Bean
    static BeanPostProcessor switchableDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof Switch) ? new Switch(dataSource) : bean;
            }
        };
    }

    /** The switch: the data source bean of a context that imports {@link SwitchableDatabase}. */
    public static final class Switch extends DelegatingDataSource {

        private volatile boolean down;

        Switch(DataSource target) {
            super(target);
        }

        /** From now on every new connection is refused. */
        public void down() {
            down = true;
        }

        public void up() {
            down = false;
        }

        @Override
        public Connection getConnection() throws SQLException {
            refuseWhileDown();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            refuseWhileDown();
            return super.getConnection(username, password);
        }

        private void refuseWhileDown() throws SQLTransientConnectionException {
            if (down) {
                throw new SQLTransientConnectionException("test: the database cannot be reached (connection refused)", "08001");
            }
        }
    }
}
