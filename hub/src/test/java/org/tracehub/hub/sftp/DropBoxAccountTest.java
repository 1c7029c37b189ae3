package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DropBoxAccountTest {

    private static final String HASH = DropBoxFixture.bcrypt("secret");

    @Test
    void refusesAPlainPassword() {
        assertThatThrownBy(() -> DropBoxAccount.withPassword("alpha", "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../beta", "a/b", "a\\b", ".hidden", "-dash", "with space"})
    void refusesSourceIdsThatAreNotPlainFolderNames(String sourceId) {
        assertThatThrownBy(() -> DropBoxAccount.withPassword(sourceId, HASH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsSourceIdsAsTheMappingSpecsUseThem() {
        assertThat(DropBoxAccount.withPassword("meat-wholesale-xj", HASH).sourceId()).isEqualTo("meat-wholesale-xj");
    }

    @Test
    void keepsTheHashOutOfToString() {
        assertThat(DropBoxAccount.withPassword("alpha", HASH).toString()).doesNotContain(HASH);
    }

    @Test
    void needsAPasswordOrAKey() {
        assertThatThrownBy(() -> new DropBoxAccount("alpha", null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMalformedAuthorizedKeyWhenTheServerIsBuilt(@TempDir Path tempDir) {
        DropBoxAccount account = new DropBoxAccount("alpha", null, List.of("ssh-ed25519 not-base64!"));

        assertThatThrownBy(() -> new DropBoxServer(DropBoxFixture.settings(tempDir, account), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }

    @Test
    void refusesAnAuthorizedKeyWithOptionsItWouldNotEnforceNamingTheAccountAndTheOption(@TempDir Path tempDir) throws Exception {
        String line = "from=\"203.0.113.7\" " + DropBoxFixture.authorizedKeyLine(DropBoxFixture.newClientKey(), "export@market");
        DropBoxAccount account = new DropBoxAccount("alpha", null, List.of(line));

        assertThatThrownBy(() -> new DropBoxServer(DropBoxFixture.settings(tempDir, account), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source alpha")
                .hasMessageContaining("from");
    }

    @Test
    void refusesAnAddressLimitEvenBesideOptionsTheDropBoxHoldsNamingOnlyTheOneItWouldNotEnforce(@TempDir Path tempDir) throws Exception {
        String line = "restrict,no-pty,from=\"203.0.113.7\" " + DropBoxFixture.authorizedKeyLine(DropBoxFixture.newClientKey(), "m");
        DropBoxAccount account = new DropBoxAccount("alpha", null, List.of(line));

        assertThatThrownBy(() -> new DropBoxServer(DropBoxFixture.settings(tempDir, account), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source alpha")
                .hasMessageContaining("(from)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command=\"internal-sftp\"", "permitopen=\"host:22\"", "expiry-time=\"20300101\"", "cert-authority",
            "no-touch-required", "pty", "no-pty=\"yes\"", "made-up-option"})
    void refusesAnOptionThatIsNotHeldByDesignNamingIt(String option, @TempDir Path tempDir) throws Exception {
        String line = "restrict," + option + " " + DropBoxFixture.authorizedKeyLine(DropBoxFixture.newClientKey(), "m");
        DropBoxAccount account = new DropBoxAccount("alpha", null, List.of(line));

        assertThatThrownBy(() -> new DropBoxServer(DropBoxFixture.settings(tempDir, account), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source alpha")
                .hasMessageContaining(option.replaceAll("=.*", ""));
    }

    @Test
    void settingsFillInDefaultsAndRefuseDuplicateSources() {
        DropBoxAccount alpha = DropBoxAccount.withPassword("alpha", HASH);
        DropBoxSettings settings = new DropBoxSettings(2222, null, Path.of("root"), Path.of("key"), null, List.of(alpha));
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.idleTimeout()).isEqualTo(DropBoxSettings.DEFAULT_IDLE_TIMEOUT);

        assertThatThrownBy(() -> new DropBoxSettings(
                2222, null, Path.of("root"), Path.of("key"), Duration.ofMinutes(1), List.of(alpha, alpha)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
