package org.tracehub.hub.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.hub.HubOnDataDir;

/**
 * The hub started on a data directory restored without {@code ssh/}: its database has batches, so senders pinned a key
 * the hub no longer has. It refuses to start rather than generate a new one, until a new key is allowed on purpose.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostKeyRestoreIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aRestoreWithoutTheHostKeyDoesNotStartUntilANewKeyIsAllowed(CapturedOutput output) {
        storeWithABatch();
        Path hostKey = dataDir.resolve("ssh").resolve(DropBoxLifecycle.HOST_KEY_FILE);

        assertThatThrownBy(() -> start().close())
                .hasStackTraceContaining("host-key.pem is missing, but the database already has batches")
                .hasStackTraceContaining("hub.sftp.allow-new-host-key=true");
        assertThat(hostKey).as("no new key behind the admin's back").doesNotExist();
        assertThat(output).contains("APPLICATION FAILED TO START", "restored without its ssh/ folder",
                "Restore ssh/ from the same backup as the database");

        try (ConfigurableApplicationContext hub = start("--hub.sftp.allow-new-host-key=true")) {
            assertThat(hub.getBean(DropBoxLifecycle.class).server().hostKeyFingerprint()).startsWith("SHA256:");
            assertThat(hostKey).exists();
            assertThat(output).contains("was missing beside existing batches and a new one is generated");
        }
    }

    /** The store as a backup holds it: migrated, with a batch (one no job will pick up). */
    private void storeWithABatch() {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("tracehub") + ";DB_CLOSE_ON_EXIT=FALSE";
        DriverManagerDataSource store = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        OffsetDateTime received = OffsetDateTime.parse("2026-11-27T09:30:00+08:00");
        JdbcClient jdbc = JdbcClient.create(store);
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, "
                        + "transport, received_at, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params("20261127-0000000001", "meat-wholesale-xj", "交易明细_20261127.csv", "交易明细_20261127.csv",
                        "archive/2026/11/27/20261127-0000000001", 10, "0".repeat(64), "SFTP", received, "UNKNOWN_SOURCE", received)
                .update();
        jdbc.sql("SHUTDOWN").update();
    }

    private ConfigurableApplicationContext start(String... more) {
        return HubOnDataDir.start(dataDir, more);
    }
}
