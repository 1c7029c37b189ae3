package org.tracehub.hub.sftp;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.tracehub.routes.intake.SourceIds;

/**
 * One source's drop-box login. The account name is the source id; the password is only ever held as a bcrypt hash.
 *
 * @param sourceId       the source id, also the login name and the name of the account's folder
 * @param passwordHash   a bcrypt hash as written by Spring Security's {@code BCryptPasswordEncoder}, or {@code null} for
 *                       key-only accounts
 * @param authorizedKeys OpenSSH public key lines ({@code ssh-ed25519 AAAA… comment}), possibly empty
 */
public record DropBoxAccount(String sourceId, String passwordHash, List<String> authorizedKeys) {

    // Rejecting anything that is not a bcrypt hash keeps a plain password from being configured by mistake.
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    public DropBoxAccount {
        Objects.requireNonNull(sourceId, "sourceId");
        // the id becomes a directory name under the SFTP root: the hub's one rule for source ids
        if (!SourceIds.isWellFormed(sourceId)) {
            throw new IllegalArgumentException("Source id not usable as an SFTP account and folder name: " + sourceId);
        }
        if (passwordHash != null && !BCRYPT.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("Password of source " + sourceId + " is not a bcrypt hash");
        }
        authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
        if (passwordHash == null && authorizedKeys.isEmpty()) {
            throw new IllegalArgumentException("Source " + sourceId + " has neither a password hash nor an authorized key");
        }
    }

    /** An account that logs in with a password only. */
    public static DropBoxAccount withPassword(String sourceId, String passwordHash) {
        return new DropBoxAccount(sourceId, passwordHash, List.of());
    }

    // Keeps hashes out of logs and exception messages.
    @Override
    public String toString() {
        return "DropBoxAccount[sourceId=" + sourceId + ", password=" + (passwordHash == null ? "none" : "bcrypt")
                + ", authorizedKeys=" + authorizedKeys.size() + "]";
    }
}
