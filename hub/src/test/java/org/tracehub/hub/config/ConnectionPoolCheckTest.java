package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The start is refused, naming the settings, when they let the hub hold more database connections at once than its pool
 * has: a step that then waits out the pool's connection timeout fails its batch. The shipped settings fit the shipped pools.
 */
class ConnectionPoolCheckTest {

    @Test
    void theShippedSettingsFitTheEmbeddedPoolOfTenAndThePostgresProfilesOfTwenty() throws IOException {
        StandardEnvironment embedded = settings(Map.of());
        assertThat(pool(embedded, "jdbc:h2:file:./data/db/tracehub").getMaximumPoolSize()).isEqualTo(10);
        assertThatCode(() -> check(embedded, "jdbc:h2:file:./data/db/tracehub")).doesNotThrowAnyException();

        StandardEnvironment postgres = settings(Map.of());
        new YamlPropertySourceLoader().load("postgres", new ClassPathResource("application-postgres.yml"))
                .forEach(source -> postgres.getPropertySources().addFirst(source));
        assertThat(pool(postgres, "jdbc:postgresql://db/tracehub").getMaximumPoolSize()).isEqualTo(20);
        assertThatCode(() -> check(postgres, "jdbc:postgresql://db/tracehub")).doesNotThrowAnyException();
    }

    @Test
    void settingsThatHoldMoreConnectionsThanThePoolHasStopTheStartNamingThem() throws IOException {
        StandardEnvironment busy = settings(Map.of("hub.trace.max-concurrent-queries", "8"));

        assertThatThrownBy(() -> check(busy, "jdbc:h2:file:./data/db/tracehub"))
                .isInstanceOf(ConnectionPoolTooSmallException.class)
                .hasMessageContaining("数据库连接池太小").hasMessageContaining("spring.datasource.hikari.maximum-pool-size 为 10")
                .hasMessageContaining("可同时占用 14 个连接").hasMessageContaining("hub.trace.max-concurrent-queries = 8")
                .hasMessageContaining("hub.jobs.import-concurrency = 1").hasMessageContaining("hub.jobs.background-threads = 2");

        busy.getPropertySources().addFirst(new MapPropertySource("raised", Map.of(ConnectionPoolCheck.POOL_SIZE, "14")));
        assertThatCode(() -> check(busy, "jdbc:h2:file:./data/db/tracehub")).doesNotThrowAnyException();
    }

    /** On PostgreSQL each pull running at once holds a connection for its advisory lock, and so do recovery and receipts. */
    @Test
    void onPostgresqlThePullsAndTheAdvisoryLocksCountToo() throws IOException {
        StandardEnvironment pulls = settings(Map.of("hub.pull.threads", "9", ConnectionPoolCheck.POOL_SIZE, "20"));

        assertThatCode(() -> check(pulls, "jdbc:h2:file:./data/db/tracehub")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(pulls, "jdbc:postgresql://db/tracehub"))
                .isInstanceOf(ConnectionPoolTooSmallException.class)
                .hasMessageContaining("可同时占用 21 个连接").hasMessageContaining("hub.pull.threads = 9");
    }

    @Test
    void theStartsFailureSaysWhatToChangeInChinese() throws IOException {
        StandardEnvironment busy = settings(Map.of("hub.jobs.background-threads", "6"));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> check(busy, "jdbc:h2:file:./data/db/tracehub"));

        FailureAnalysis analysis = new ConnectionPoolTooSmallFailureAnalyzer().analyze(refused);

        assertThat(analysis.getDescription()).contains("hub.jobs.background-threads = 6").contains("可同时占用 14 个连接");
        assertThat(analysis.getAction()).contains("spring.datasource.hikari.maximum-pool-size 调大到至少 14");
    }

    /** The shipped application.yml, below the given settings. */
    private static StandardEnvironment settings(Map<String, Object> overrides) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return environment;
    }

    private static void check(StandardEnvironment environment, String url) throws Exception {
        try (HikariDataSource pool = pool(environment, url)) {
            new ConnectionPoolCheck(pool, environment).afterPropertiesSet();
        }
    }

    /** A pool bound to {@code spring.datasource.hikari} as Spring Boot binds the one it creates (none opened). */
    private static HikariDataSource pool(StandardEnvironment environment, String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        return pool;
    }
}
