package org.tracehub.jobs.testing;

import javax.sql.DataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** A job repository on a data source of its own, as a plan test of a real PostgreSQL uses it outside a Spring context. */
public final class JdbcJobRepositories {

    private JdbcJobRepositories() {
    }

    public static JobRepository on(DataSource ds) {
        try {
            JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
            factory.setDataSource(ds);
            factory.setTransactionManager(new JdbcTransactionManager(ds));
            factory.afterPropertiesSet();
            return factory.getObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
