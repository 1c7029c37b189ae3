package org.tracehub.hub.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar trace-hub.jar hash-password}: reads a password (from the console without echo, or
 * from standard input) and prints the bcrypt hash to put under {@code hub.sftp.accounts.<source>.password-hash}.
 * Runs without starting the server.
 */
public final class PasswordHashCommand {

    private PasswordHashCommand() {
    }

    public static int run() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] chars = console.readPassword("密码 / password: ");
            password = chars == null ? null : new String(chars);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            System.err.println("没有输入密码 / no password given");
            return 2;
        }
        System.out.println(new BCryptPasswordEncoder(10).encode(password));
        return 0;
    }
}
