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
import org.tracehub.platform.storage.InstallationIdentity;

/**
 * The hub started on the database of one installation beside the data directory of another (the staging database's URL
 * beside the production data dir): both are non-empty and have their host key, so no other check stops it. It refuses,
 * naming both settings, until the admin says they belong together.
 */
@ExtendWith(OutputCaptureExtension.class)
class InstallationMismatchIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void anotherInstallationsDatabaseBesideTheDataDirDoesNotStartUntilAllowed(CapturedOutput output) throws IOException {
        Path production = dir.resolve("production");
        Path staging = dir.resolve("staging");
        HubOnDataDir.start(production).close();
        HubOnDataDir.start(staging).close();
        String stagingDatabase = "--spring.datasource.url=jdbc:h2:file:" + staging + "/db/tracehub;DB_CLOSE_ON_EXIT=FALSE";

        assertThatThrownBy(() -> HubOnDataDir.start(production, stagingDatabase).close())
                .hasStackTraceContaining(InstallationMismatchException.CODE)
                .hasStackTraceContaining("spring.datasource.url=jdbc:h2:file:" + staging)
                .hasStackTraceContaining("hub.data-dir, " + production.resolve(InstallationIdentity.FILE))
                .hasStackTraceContaining("hub.allow-installation-mismatch=true");
        assertThat(output).contains("APPLICATION FAILED TO START", "二者属于不同的安装", "请检查 spring.datasource.url");

        try (ConfigurableApplicationContext hub = HubOnDataDir.start(production, stagingDatabase,
                "--hub.allow-installation-mismatch=true")) {
            String inDatabase = hub.getBean(JdbcClient.class).sql("SELECT installation_id FROM hub_installation")
                    .query(String.class).single();
            assertThat(Files.readString(production.resolve(InstallationIdentity.FILE)).trim()).isEqualTo(inDatabase);
        }
    }

    @Test
    void aRestartOnItsOwnDatabaseStarts() {
        HubOnDataDir.start(dir).close();
        try (ConfigurableApplicationContext hub = HubOnDataDir.start(dir)) {
            assertThat(hub.isRunning()).isTrue();
        }
    }
}
