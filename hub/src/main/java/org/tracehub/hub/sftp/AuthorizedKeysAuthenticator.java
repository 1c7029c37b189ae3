package org.tracehub.hub.sftp;

import java.security.PublicKey;
import java.util.function.Consumer;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a public key listed for the source, unless the account or the address is locked. MINA verifies the client's
 * signature separately; this only decides whether the key may stand for that source.
 */
final class AuthorizedKeysAuthenticator implements PublickeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(AuthorizedKeysAuthenticator.class);
    static final String METHOD = "publickey";

    private final AccountRegistry accounts;
    private final LoginLockout lockout;

    private final Consumer<String> refused;

    AuthorizedKeysAuthenticator(AccountRegistry accounts, LoginLockout lockout, Consumer<String> refused) {
        this.refused = refused;
        this.accounts = accounts;
        this.lockout = lockout;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (lockout.isLocked(username, session.getClientAddress())) {
            log.warn("SFTP login refused: user={} from={} is locked after repeated failed logins", username,
                    LoginLockout.host(session.getClientAddress()));
            refused.accept(METHOD);
            return false;
        }
        boolean authorized = accounts.find(username)
                .map(entry -> entry.keys().stream().anyMatch(known -> KeyUtils.compareKeys(known, key)))
                .orElse(false);
        if (!authorized) {
            // Info, not warn: clients routinely offer several keys before the right one or fall back to a password,
            // so a refused key alone is not yet a failed login.
            log.info("SFTP login attempt refused: key {} not authorized for user={} from={}",
                    KeyUtils.getFingerPrint(key), username, session.getClientAddress());
        } else {
            lockout.succeeded(username);
        }
        return authorized;
    }
}
