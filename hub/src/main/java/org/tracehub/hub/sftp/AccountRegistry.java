package org.tracehub.hub.sftp;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The accounts by login name, with their authorized keys parsed once at start-up so that a malformed key line stops
 * the server from starting instead of silently locking a source out.
 */
final class AccountRegistry {

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
            // MINA parses options (from="…", command="…", no-port-forwarding) but never enforces them: a key meant for one
            // address only would be let in from anywhere, so a line with options is refused rather than half-honoured
            Map<String, String> options = entry.getLoginOptions();
            if (options != null && !options.isEmpty()) {
                throw new IllegalArgumentException("Authorized key " + lineNumber + " of source " + account.sourceId()
                        + " has options the drop-box does not enforce (" + String.join(", ", options.keySet())
                        + "): remove them from the line, keeping only \"<type> <base64> [comment]\"; restrict addresses with a firewall");
            }
        }
        return List.copyOf(keys);
    }
}
