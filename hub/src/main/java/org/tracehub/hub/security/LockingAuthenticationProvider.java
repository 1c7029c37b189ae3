package org.tracehub.hub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tracehub.hub.sftp.LoginLockout;

/**
 * HTTP sign-in (Basic and the console's form) under the drop-box's lockout: every drop-box account is also an HTTP
 * user with the same password, so a password that could be guessed over HTTP without limit could then be used on SFTP.
 * While the account is locked from the client's address, or the address is, the sign-in is refused before the password
 * is checked (no bcrypt for a guesser); a wrong password or an unknown name counts as a failure, a sign-in that succeeds
 * clears its account's failures from that address, as on SFTP. The address is the request's remote address: the proxy's
 * behind a reverse proxy unless {@code server.forward-headers-strategy} names the client (hub/README.md).
 */
final class LockingAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginLockout lockout;
    private final HubUserDirectory users;

    LockingAuthenticationProvider(AuthenticationProvider passwords, LoginLockout lockout, HubUserDirectory users) {
        this.passwords = passwords;
        this.lockout = lockout;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String host = host(authentication);
        var locked = lockout.lockedFor(name, host);
        if (locked.isPresent()) {
            lockout.refusedWhileLocked("HTTP", name, users.exists(name), host);
            throw new LoginLockedException(locked.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            if (signedIn != null) {
                lockout.succeeded(name, host);
            }
            return signedIn;
        } catch (BadCredentialsException e) {
            // a wrong password, or a name that is no user (the password check hides which)
            lockout.failed("HTTP", name, users.exists(name), host);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The client's address, as Basic and the form record it with the attempt. */
    private static String host(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "?";
    }
}
