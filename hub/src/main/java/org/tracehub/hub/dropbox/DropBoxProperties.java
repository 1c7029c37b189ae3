package org.tracehub.hub.dropbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.sftp.*}: the embedded drop-box. Accounts are keyed by source id; each has a bcrypt
 * password hash and/or authorised OpenSSH public keys — never a plain password.
 */
@ConfigurationProperties("hub.sftp")
public class DropBoxProperties {

    /** Listening port; 0 picks a free one (tests). */
    private int port = 2222;
    private String host = "0.0.0.0";
    private Duration idleTimeout = Duration.ofMinutes(10);
    private boolean enabled = true;
    private Map<String, Account> accounts = new LinkedHashMap<>();

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

    public Map<String, Account> getAccounts() {
        return accounts;
    }

    public void setAccounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }
}
