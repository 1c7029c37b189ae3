package org.tracehub.hub.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.tracehub.hub.dropbox.DropBoxProperties;

/**
 * The hub's HTTP users, read once from {@code hub.security.users} and the drop-box accounts.
 * A mistake in the configuration stops the start with the key at fault: a hub that started
 * with a half-read user table would lock people out (or in) without saying why.
 */
public class HubUserDirectory implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(HubUserDirectory.class);
    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

    private record Entry(String hash, Set<HubRole> roles, String sourceId) {
    }

    private final Map<String, Entry> users;

    public HubUserDirectory(HubSecurityProperties security, DropBoxProperties dropBox) {
        Map<String, Entry> all = new LinkedHashMap<>();
        security.getUsers().forEach((name, user) -> all.put(name, entry(name, user)));
        if (security.isSourceLoginsFromSftp()) {
            dropBox.getAccounts().forEach((sourceId, account) -> {
                if (account.getPasswordHash() != null && !account.getPasswordHash().isBlank() && !all.containsKey(sourceId)) {
                    all.put(sourceId, new Entry(bcrypt("hub.sftp.accounts." + sourceId + ".password-hash", account.getPasswordHash()),
                            EnumSet.of(HubRole.SOURCE), sourceId));
                }
            });
        }
        this.users = Map.copyOf(all);
        if (users.isEmpty()) {
            log.warn("No HTTP users are configured (hub.security.users): the console and the API refuse everyone; "
                    + "only the consumer page, QR codes and the trace API are open");
        } else {
            log.info("HTTP users: {}", users.keySet().stream().sorted().toList());
        }
    }

    /** A fresh copy each time: Spring Security erases the password of the copy it authenticated. */
    @Override
    public HubUser loadUserByUsername(String username) {
        Entry entry = users.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return new HubUser(username, entry.hash(), entry.roles(), entry.sourceId());
    }

    /** Whether the name is a user (a failed sign-in of a made-up name then counts only against its address). */
    public boolean exists(String username) {
        return users.containsKey(username);
    }

    /** The configured user names, sorted. */
    public List<String> names() {
        return users.keySet().stream().sorted().toList();
    }

    private static Entry entry(String name, HubSecurityProperties.User user) {
        String key = "hub.security.users." + name;
        if (user.getRoles() == null || user.getRoles().isEmpty()) {
            throw new IllegalStateException(key + ".roles: at least one of " + List.of(HubRole.values()) + " is needed");
        }
        Set<HubRole> roles = EnumSet.copyOf(user.getRoles());
        boolean sender = roles.contains(HubRole.SOURCE);
        String source = user.getSource() == null || user.getSource().isBlank() ? null : user.getSource().trim();
        if (sender && roles.size() > 1) {
            throw new IllegalStateException(key + ".roles: SOURCE cannot be combined with staff roles");
        }
        if (sender && source == null) {
            throw new IllegalStateException(key + ".source: a SOURCE user needs the id of the source it sends for");
        }
        if (!sender && source != null) {
            throw new IllegalStateException(key + ".source: only SOURCE users have a source");
        }
        return new Entry(bcrypt(key + ".password-hash", user.getPasswordHash()), roles, source);
    }

    private static String bcrypt(String key, String hash) {
        if (hash == null || !BCRYPT.matcher(hash.trim()).matches()) {
            throw new IllegalStateException(key + ": not a bcrypt hash (write one with: java -jar trace-hub.jar hash-password)");
        }
        String trimmed = hash.trim();
        return trimmed.startsWith("{bcrypt}") ? trimmed : "{bcrypt}" + trimmed;
    }
}
