package org.tracehub.hub.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;

/**
 * {@code java -jar trace-hub.jar hash-password}: reads a password (from the console without echo, or
 * from standard input) and prints the bcrypt hash to put under {@code hub.sftp.accounts.<source>.password-hash}.
 * Runs without starting the server.
 */
@Command(name = "hash-password",
        description = {"读取密码（不回显）并输出bcrypt散列，用于 hub.sftp.accounts.<来源>.password-hash。",
                "Reads a password (without echo) and prints its bcrypt hash for hub.sftp.accounts.<source>.password-hash."})
public final class PasswordHashCommand implements Callable<Integer> {

    private final CliConsole console;

    PasswordHashCommand(CliConsole console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        // the real terminal only when the command runs on the process's own streams
        Console terminal = console.in() == System.in ? System.console() : null;
        String password;
        if (terminal != null) {
            char[] chars = terminal.readPassword("密码 / password: ");
            password = chars == null ? null : new String(chars);
        } else {
            password = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            console.err().println("没有输入密码 / no password given");
            return CliExitCodes.UNUSABLE;
        }
        console.out().println(new BCryptPasswordEncoder(10).encode(password));
        return CliExitCodes.OK;
    }
}
