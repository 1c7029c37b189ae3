package org.tracehub.hub.sftp;

import java.util.function.Consumer;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tracehub.hub.logging.ClientNames;

/** Checks a source's password against its bcrypt hash, unless the account from that address, or the address, is locked. */
final class BcryptPasswordAuthenticator implements PasswordAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(BcryptPasswordAuthenticator.class);
    static final String METHOD = "password";

    private final AccountRegistry accounts;
    private final LoginLockout lockout;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    // Compared against when the login name is unknown, so that an unknown name costs as long as a wrong password and
    // the response time does not tell which source ids exist.
    private final String decoyHash = encoder.encode("decoy-" + System.nanoTime());

    private final Consumer<String> refused;

    BcryptPasswordAuthenticator(AccountRegistry accounts, LoginLockout lockout, Consumer<String> refused) {
        this.accounts = accounts;
        this.lockout = lockout;
        this.refused = refused;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        if (lockout.isLocked(username, session.getClientAddress())) {
            lockout.refusedWhileLocked("SFTP", username, accounts.find(username).isPresent(),
                    LoginLockout.host(session.getClientAddress()));
            refused.accept(METHOD);
            return false;
        }
        String hash = accounts.find(username).map(entry -> entry.account().passwordHash()).orElse(null);
        boolean matches = encoder.matches(password == null ? "" : password, hash == null ? decoyHash : hash);
        if (hash != null && matches) {
            lockout.succeeded(username, session.getClientAddress());
            return true;
        }
        boolean known = accounts.find(username).isPresent();
        log.warn("SFTP login failed: {} password for user={} from={}",
                hash == null ? "unknown user or no" : "wrong", ClientNames.signInName(username, known), session.getClientAddress());
        lockout.failed(username, known, session.getClientAddress());
        refused.accept(METHOD);
        return false;
    }
}
