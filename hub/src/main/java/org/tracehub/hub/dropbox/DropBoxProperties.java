package org.tracehub.hub.dropbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.tracehub.hub.sftp.DropBoxLimits;

/**
 * {@code hub.sftp.*}: the embedded drop-box. Accounts are keyed by source id; each has a bcrypt
 * password hash and/or authorised OpenSSH public keys — never a plain password. The limits (file
 * size, files per hour, lockout after failed logins) hold for every source.
 */
@ConfigurationProperties(prefix = "hub.sftp", ignoreUnknownFields = false)
public class DropBoxProperties {

    static final int DEFAULT_PORT = 2222;
    static final String DEFAULT_HOST = "0.0.0.0";

    /** Listening port; 0 picks a free one (tests). */
    private int port = DEFAULT_PORT;
    private String host = DEFAULT_HOST;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private boolean enabled = true;
    /** Largest file one upload may write; the HTTP upload takes the same limit. */
    private DataSize maxFileSize = DataSize.ofMegabytes(200);
    /** Files one source may open for upload within any hour. */
    private int maxFilesPerHour = 600;
    private Lockout lockout = new Lockout();
    private Map<String, Account> accounts = new LinkedHashMap<>();
    /**
     * Whether a missing host key may be generated while the store already has batches (a restore without {@code ssh/}
     * otherwise stops the start): set it once, on purpose, and give every sender the new fingerprint.
     */
    private boolean allowNewHostKey;

    /** Failed password logins after which an account from one address, or an address, is locked, and for how long. */
    public static class Lockout {
        private int maxFailures = 5;
        /** Higher than per account: markets behind one gateway share its address. */
        private int maxFailuresPerAddress = 30;
        private Duration duration = Duration.ofMinutes(15);

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public int getMaxFailures() {
            return maxFailures;
        }

        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        public Duration getDuration() {
            return duration;
        }

        public void setDuration(Duration duration) {
            this.duration = duration;
        }
    }

    public static class Account {
        private String passwordHash;
        private List<String> authorizedKeys = List.of();

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getAuthorizedKeys() {
            return authorizedKeys;
        }

        public void setAuthorizedKeys(List<String> authorizedKeys) {
            this.authorizedKeys = authorizedKeys;
        }
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public int getMaxFilesPerHour() {
        return maxFilesPerHour;
    }

    public void setMaxFilesPerHour(int maxFilesPerHour) {
        this.maxFilesPerHour = maxFilesPerHour;
    }

    public Lockout getLockout() {
        return lockout;
    }

    public void setLockout(Lockout lockout) {
        this.lockout = lockout;
    }

    /** The limits in the drop-box's own terms. */
    public DropBoxLimits limits() {
        return new DropBoxLimits(maxFileSize.toBytes(), maxFilesPerHour, lockout.getMaxFailures(),
                lockout.getMaxFailuresPerAddress(), lockout.getDuration());
    }

    public boolean isAllowNewHostKey() {
        return allowNewHostKey;
    }

    public void setAllowNewHostKey(boolean allowNewHostKey) {
        this.allowNewHostKey = allowNewHostKey;
    }

    public Map<String, Account> getAccounts() {
        return accounts;
    }

    public void setAccounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }
}
