package org.tracehub.hub.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing host key is generated on a fresh install, and refused where the store says senders already pinned one. */
class HostKeyRestoreGuardTest {

    @TempDir
    Path ssh;

    @Test
    void aMissingKeyBesideBatchesStopsTheStartNamingTheWayOut() {
        Path key = ssh.resolve("host-key.pem");

        assertThatThrownBy(() -> HostKeyRestoreGuard.check(key, false, () -> true))
                .isInstanceOf(HostKeyMissingException.class)
                .hasMessageContaining(key + " is missing, but the database already has batches")
                .hasMessageContaining("Restore ssh/ from the same backup as the database")
                .hasMessageContaining("hub.sftp.allow-new-host-key=true");
    }

    @Test
    void aFreshInstallANewKeyOnPurposeAndAnExistingKeyStart() throws Exception {
        Path key = ssh.resolve("host-key.pem");

        assertThat(HostKeyRestoreGuard.check(key, false, () -> false)).as("no batch yet: nothing to say").isFalse();
        assertThat(HostKeyRestoreGuard.check(key, true, () -> true)).as("allowed: replacing a pinned key, said in the log").isTrue();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----");
        assertThat(HostKeyRestoreGuard.check(key, false, () -> {
            throw new AssertionError("the store is not asked while the key is there");
        })).isFalse();
    }
}
