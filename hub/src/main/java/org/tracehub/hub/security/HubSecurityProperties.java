package org.tracehub.hub.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.security.*}: the hub's HTTP users. Passwords are bcrypt hashes (the CLI's
 * {@code hash-password} writes one), never plain text. Every drop-box account with a password
 * is also a SOURCE user named by its source id, with the same password, unless
 * {@code source-logins-from-sftp} is off or a user of that name is configured here.
 */
@ConfigurationProperties(prefix = "hub.security", ignoreUnknownFields = false)
public class HubSecurityProperties {

    private Map<String, User> users = new LinkedHashMap<>();
    private boolean sourceLoginsFromSftp = true;
    /** How long a password that matched is taken as verified without bcrypt again ({@link CachingPasswordEncoder}); 0 = always check. */
    private Duration verifiedPasswordTtl = Duration.ofMinutes(5);

    /** One user: its bcrypt hash, its roles, and for SOURCE users the source it sends for. */
    public static class User {
        private String passwordHash;
        private List<HubRole> roles = new ArrayList<>();
        private String source;

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<HubRole> getRoles() {
            return roles;
        }

        public void setRoles(List<HubRole> roles) {
            this.roles = roles;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    public boolean isSourceLoginsFromSftp() {
        return sourceLoginsFromSftp;
    }

    public void setSourceLoginsFromSftp(boolean sourceLoginsFromSftp) {
        this.sourceLoginsFromSftp = sourceLoginsFromSftp;
    }

    public Duration getVerifiedPasswordTtl() {
        return verifiedPasswordTtl;
    }

    public void setVerifiedPasswordTtl(Duration verifiedPasswordTtl) {
        this.verifiedPasswordTtl = verifiedPasswordTtl;
    }
}
