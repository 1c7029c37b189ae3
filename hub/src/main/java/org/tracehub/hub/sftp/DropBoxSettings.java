package org.tracehub.hub.sftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the drop-box runs.
 *
 * @param port        TCP port; 0 picks a free one (read it back with {@link DropBoxServer#port()})
 * @param host        bind address; {@code null} or blank means {@value #ANY_HOST}
 * @param root        the SFTP root: each source gets {@code <root>/<sourceId>/inbox} and {@code .../outbox}
 * @param hostKeyFile where the server's host key is generated on first start and read on every later start
 * @param idleTimeout how long a session may stay silent before it is closed; {@code null} means {@link #DEFAULT_IDLE_TIMEOUT}
 * @param accounts    one per source; source ids must be unique
 * @param limits      file size, files per hour, login lockout; {@code null} means {@link DropBoxLimits#DEFAULT}
 */
public record DropBoxSettings(
        int port, String host, Path root, Path hostKeyFile, Duration idleTimeout, List<DropBoxAccount> accounts,
        DropBoxLimits limits) {

    public static final String ANY_HOST = "0.0.0.0";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public DropBoxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        host = host == null || host.isBlank() ? ANY_HOST : host.trim();
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(hostKeyFile, "hostKeyFile");
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("Idle timeout must be positive: " + idleTimeout);
        }
        limits = limits == null ? DropBoxLimits.DEFAULT : limits;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        Set<String> seen = new HashSet<>();
        for (DropBoxAccount account : accounts) {
            if (!seen.add(account.sourceId())) {
                throw new IllegalArgumentException("Source " + account.sourceId() + " has more than one drop-box account");
            }
        }
    }

    /** Settings with the default limits. */
    public DropBoxSettings(int port, String host, Path root, Path hostKeyFile, Duration idleTimeout, List<DropBoxAccount> accounts) {
        this(port, host, root, hostKeyFile, idleTimeout, accounts, DropBoxLimits.DEFAULT);
    }

    /** Settings with the default bind address, idle timeout and limits. */
    public static DropBoxSettings of(int port, Path root, Path hostKeyFile, List<DropBoxAccount> accounts) {
        return new DropBoxSettings(port, ANY_HOST, root, hostKeyFile, DEFAULT_IDLE_TIMEOUT, accounts);
    }
}
