package org.tracehub.hub.sftp;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts by login name, with their authorized keys parsed once at start-up so that a malformed key line stops
 * the server from starting instead of silently locking a source out.
 */
final class AccountRegistry {

    private static final Logger log = LoggerFactory.getLogger(AccountRegistry.class);

    /**
     * Options that only take away what the drop-box never offers (no pty, shell, command, forwarding, agent, X11 or
     * ~/.ssh/rc): lines copied from an OpenSSH server carry them, and they hold whether MINA reads them or not.
     */
    private static final Set<String> HELD_BY_DESIGN = Set.of(
            "restrict", "no-pty", "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc");

    /** An account together with its decoded public keys. */
    record Entry(DropBoxAccount account, List<PublicKey> keys) {
    }

    private final Map<String, Entry> bySourceId;

    AccountRegistry(Collection<DropBoxAccount> accounts) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (DropBoxAccount account : accounts) {
            entries.put(account.sourceId(), new Entry(account, decodeKeys(account)));
        }
        this.bySourceId = Map.copyOf(entries);
    }

    Optional<Entry> find(String sourceId) {
        return sourceId == null ? Optional.empty() : Optional.ofNullable(bySourceId.get(sourceId));
    }

    Collection<Entry> all() {
        return bySourceId.values();
    }

    private static List<PublicKey> decodeKeys(DropBoxAccount account) {
        List<PublicKey> keys = new ArrayList<>();
        int lineNumber = 0;
        for (String line : account.authorizedKeys()) {
            lineNumber++;
            String trimmed = line == null ? "" : line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            AuthorizedKeyEntry entry;
            try {
                entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(trimmed);
                keys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            } catch (Exception e) {
                throw new IllegalArgumentException("Authorized key " + lineNumber + " of source " + account.sourceId()
                        + " is not a usable OpenSSH public key: " + e.getMessage(), e);
            }
            // MINA parses options (from="…", command="…") but never enforces them: a key meant for one address only would be
            // let in from anywhere, so a line with any other option is refused rather than half-honoured
            Map<String, String> options = entry.getLoginOptions();
            if (options == null || options.isEmpty()) {
                continue;
            }
            List<String> refused = options.keySet().stream().filter(name -> !isHeldByDesign(name, options.get(name))).toList();
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException("Authorized key " + lineNumber + " of source " + account.sourceId()
                        + " has options the drop-box does not enforce (" + String.join(", ", refused)
                        + "): remove them from the line, keeping only \"<type> <base64> [comment]\"; restrict addresses with a firewall");
            }
            log.info("Authorized key {} of source {} has options {}: the drop-box holds them anyway (no shell, command, pty or forwarding)",
                    lineNumber, account.sourceId(), String.join(",", options.keySet()));
        }
        return List.copyOf(keys);
    }

    // OpenSSH reads option names case-insensitively; a flag given a value (no-pty="x") is not the flag.
    private static boolean isHeldByDesign(String name, String value) {
        return "true".equals(value) && HELD_BY_DESIGN.contains(name.toLowerCase(Locale.ROOT));
    }
}
