package org.tracehub.hub.sftp;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Two sources, alpha and beta, on an ephemeral port under a temporary root. */
final class DropBoxFixture {

    static final String ALPHA = "alpha";
    static final String ALPHA_PASSWORD = "alpha-secret";
    static final String BETA = "beta";
    static final String BETA_PASSWORD = "beta-secret";

    // Low cost factor: the hashes are real bcrypt, only cheaper to make.
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);

    private DropBoxFixture() {
    }

    static DropBoxSettings settings(Path tempDir, DropBoxAccount... accounts) {
        return new DropBoxSettings(0, "127.0.0.1", tempDir.resolve("sftp"), tempDir.resolve("keys/host.pem"),
                Duration.ofMinutes(1), List.of(accounts));
    }

    static DropBoxSettings twoSources(Path tempDir) {
        return settings(tempDir, passwordAccount(ALPHA, ALPHA_PASSWORD), passwordAccount(BETA, BETA_PASSWORD));
    }

    static DropBoxAccount passwordAccount(String sourceId, String password) {
        return DropBoxAccount.withPassword(sourceId, ENCODER.encode(password));
    }

    static String bcrypt(String password) {
        return ENCODER.encode(password);
    }

    static KeyPair newClientKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    static String authorizedKeyLine(KeyPair key, String comment) {
        return PublicKeyEntry.toString(key.getPublic()) + " " + comment;
    }
}
