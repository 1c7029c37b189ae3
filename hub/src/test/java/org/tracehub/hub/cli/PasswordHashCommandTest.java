package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHashCommandTest {

    @Test
    void printsABcryptHashOfThePasswordReadFromStandardInput() {
        CliRun.Result result = CliRun.runWithInput("xj-demo-2026\n", "hash-password");

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.OK);
        String hash = result.out().strip();
        assertThat(hash).startsWith("$2a$10$");
        assertThat(new BCryptPasswordEncoder().matches("xj-demo-2026", hash)).isTrue();
    }

    @Test
    void refusesAnEmptyPasswordWithExit2() {
        CliRun.Result result = CliRun.runWithInput("\n", "hash-password");

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("没有输入密码");
    }
}
