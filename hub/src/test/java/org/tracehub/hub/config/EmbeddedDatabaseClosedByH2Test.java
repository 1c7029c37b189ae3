package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded H2 closes its database for good on the first write that fails (a full disk: MVStoreException, then
 * 90098 "database has been closed" on every connection). Its pooled connections still pass {@code isValid()}, so the
 * pool kept handing them out, and the hub failed every request until they reached their maximum lifetime (30 minutes)
 * while the health page showed the database UP. The database is closed here as H2 closes it after a failed write; its
 * file is held locked meanwhile, as a disk still full would keep H2 from opening it again.
 */
@SpringBootTest
@DirtiesContext
class EmbeddedDatabaseClosedByH2Test {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        // the health check waits this long for a connection the closed database cannot give (Hikari's 30 s by default)
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("dbHealthContributor")
    HealthIndicator database;

    @Test
    void aDatabaseH2ClosedAfterAFailedWriteIsDownOnTheHealthPageAndServesTheNextQueryOnceItCanBeOpenedAgain() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch", Integer.class)).isZero();

        // a background look's connection, busy while H2 closes the database and handed back just before the user's query
        try (Connection busy = dataSource.getConnection()) {
            ((SessionLocal) busy.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore().closeImmediately();
            try (FileChannel file = FileChannel.open(dataDir.resolve("db").resolve("tracehub.mv.db"), StandardOpenOption.WRITE);
                 FileLock stillFull = file.lock()) {
                assertThat(database.health(true).getStatus()).as("health while H2 cannot open the file").isEqualTo(Status.DOWN);
            }
        }

        // handed back within Hikari's alive-bypass window (half a second), that connection is checked all the same before
        // it is handed out (EmbeddedH2ConnectionChecks): the user's first query once the file can be opened succeeds
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch", Integer.class)).as("the first query once it can").isZero();
        assertThat(database.health(true).getStatus()).isEqualTo(Status.UP);
    }
}
