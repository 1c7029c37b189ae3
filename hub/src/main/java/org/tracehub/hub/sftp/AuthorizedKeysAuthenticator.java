package org.tracehub.hub.sftp;

import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.hub.logging.ClientNames;

/**
 * Accepts a public key listed for the source. MINA verifies the client's signature separately; this only decides whether
 * the key may stand for that source. Not refused while the password logins of the account or the address are locked
 * ({@link LoginLockout}): a key cannot be guessed, and a lock anyone can cause with wrong passwords would otherwise stop
 * the sender's key-only uploads too.
 */
final class AuthorizedKeysAuthenticator implements PublickeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(AuthorizedKeysAuthenticator.class);

    private final AccountRegistry accounts;
    private final LoginLockout lockout;

    AuthorizedKeysAuthenticator(AccountRegistry accounts, LoginLockout lockout) {
        this.accounts = accounts;
        this.lockout = lockout;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean authorized = accounts.find(username)
                .map(entry -> entry.keys().stream().anyMatch(known -> KeyUtils.compareKeys(known, key)))
                .orElse(false);
        if (!authorized) {
            // Info, not warn: clients routinely offer several keys before the right one or fall back to a password,
            // so a refused key alone is not yet a failed login.
            log.info("SFTP login attempt refused: key {} not authorized for user={} from={}",
                    KeyUtils.getFingerPrint(key), ClientNames.signInName(username, accounts.find(username).isPresent()),
                    session.getClientAddress());
        } else {
            lockout.succeeded(username, session.getClientAddress());
        }
        return authorized;
    }
}
