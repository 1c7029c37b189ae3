package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.tracehub.platform.testing.LocalPostgres;

class PostgresProfileDataSourceTest {

    @Test
    void thePostgresProfileHasThePostgresqlDriverRewriteBatchesIntoMultiRowInserts() throws IOException {
        HikariDataSource pool = poolOfThePostgresProfile();

        // what the PostgreSQL driver reads: Properties.getProperty, which sees only string values
        assertThat(pool.getDataSourceProperties().getProperty("reWriteBatchedInserts")).isEqualTo("true");
    }

    @Test
    void thePostgresProfileWaitsSecondsNotHalfAMinuteForAConnectionOfADatabaseThatIsDown() throws IOException {
        assertThat(poolOfThePostgresProfile().getConnectionTimeout()).isEqualTo(5_000);
    }

    @Test
    void thePostgresProfilesPoolHoldsWhatTheDefaultSettingsTakeAtOnceWithRoomToSpare() throws IOException {
        assertThat(poolOfThePostgresProfile().getMaximumPoolSize()).isEqualTo(20);
    }

    @Test
    void thePostgresProfilesConnectionsHaveTcpKeepAliveSoADeadServerIsNoticedInsteadOfBlockingAThreadForEver() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startForTests(); HikariDataSource pool = poolOfThePostgresProfile()) {
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername(postgres.user());
            pool.setPassword("");
            try (Connection connection = pool.getConnection()) {
                assertThat(socketOf(connection).getKeepAlive()).isTrue();
            }
        }
    }

    /** The TCP socket under a PostgreSQL connection: what the kernel's keepalive applies to, whatever the driver was told. */
    private static Socket socketOf(Connection connection) throws Exception {
        Field stream = QueryExecutorBase.class.getDeclaredField("pgStream");
        stream.setAccessible(true);
        return ((PGStream) stream.get(connection.unwrap(BaseConnection.class).getQueryExecutor())).getSocket();
    }

    /** A pool bound to the profile's {@code spring.datasource.hikari} as Spring Boot binds the pool it creates. */
    private static HikariDataSource poolOfThePostgresProfile() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("postgres", new ClassPathResource("application-postgres.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        HikariDataSource pool = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        return pool;
    }
}
