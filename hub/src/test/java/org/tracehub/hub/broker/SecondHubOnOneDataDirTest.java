package org.tracehub.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.tracehub.hub.HubOnDataDir;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * A second hub on a data directory whose embedded broker another process runs (two processes on one host and data dir,
 * PostgreSQL shared, the external-broker profile forgotten) waited for ever on Artemis' journal lock, opening no port. It
 * is refused at once, naming the data directory and the external-broker profile; the lock file a killed hub left behind
 * (held by no one) does not stop a start. The other process is a JVM of its own ({@link JournalLockHolder}): a lock of
 * this JVM is no other process's.
 */
class SecondHubOnOneDataDirTest {

    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryWhoseBrokerAnotherProcessRunsIsRefusedAtOnceNamingTheExternalBrokerProfile() throws Exception {
        Process other = holdJournalLock();
        try {
            Throwable refused = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> catchThrowable(() -> HubOnDataDir.start(dataDir).close()),
                    "the second hub waited on the journal lock");

            assertThat(refused).isInstanceOf(StartRefusedException.class)
                    .hasMessageContainingAll(dataDir.toString(), "hub.data-dir", "external-broker",
                            dataDir.resolve("broker/journal/server.lock").toString(), StartRefusalCodes.DATA_DIR_IN_USE);
            assertThat(dataDir.resolve("db")).as("no database opened").doesNotExist();
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theLockFileAKilledHubLeftBehindDoesNotStopTheStart() throws Exception {
        Process killed = holdJournalLock();
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(dataDir.resolve("broker/journal/server.lock")).exists();

        try (ConfigurableApplicationContext hub = HubOnDataDir.start(dataDir)) {
            assertThat(hub.isRunning()).isTrue();
        }
    }

    /** Another JVM that holds the data directory's journal lock until killed; returns once it holds it. */
    private Process holdJournalLock() throws IOException {
        Path lockFile = dataDir.resolve("broker/journal/server.lock");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalLockHolder.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        assertThat(Files.exists(lockFile)).isTrue();
        return process;
    }
}
