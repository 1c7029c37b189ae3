package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.hub.HubOnDataDir;

/**
 * The hub started on a data directory restored without its database (an H2 script run into another folder, a
 * {@code pg_restore} forgotten): Flyway makes an empty database beside an archive full of batches. It refuses to start
 * rather than forget every batch, until starting afresh is allowed on purpose.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmptyDatabaseRestoreIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aRestoredArchiveBesideAnEmptyDatabaseDoesNotStartUntilAnEmptyDatabaseIsAllowed(CapturedOutput output) throws IOException {
        Path batchFolder = Files.createDirectories(dataDir.resolve("archive/2026/11/27/20261127-0000000001"));
        Files.writeString(batchFolder.resolve("交易明细_20261127.csv"), "序号,凭证号\n1,XJ0001\n");

        assertThatThrownBy(() -> start().close())
                .hasStackTraceContaining("The database has no batch, but the archive already holds batch folders")
                .hasStackTraceContaining("hub.allow-empty-database=true");
        assertThat(output).contains("APPLICATION FAILED TO START", "数据库中没有任何批次，但归档目录中已有批次文件夹",
                batchFolder.toString(), "请先恢复数据库", "Restore the database first");

        try (ConfigurableApplicationContext hub = start("--hub.allow-empty-database=true")) {
            assertThat(hub.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM batch").query(Long.class).single()).isZero();
        }
    }

    @Test
    void aNewInstallWithAnEmptyArchiveStarts() {
        try (ConfigurableApplicationContext hub = start()) {
            assertThat(hub.isRunning()).isTrue();
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        return HubOnDataDir.start(dataDir, more);
    }
}
