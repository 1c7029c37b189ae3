package org.tracehub.hub.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused without checking its password: the account or the address is locked after repeated failed logins
 * (the drop-box's {@code LoginLockout}). An account-status refusal, so the authentication manager stops at it.
 */
public class LoginLockedException extends LockedException {

    private final Duration remaining;

    LoginLockedException(Duration remaining) {
        super("登录失败次数过多，请" + minutes(remaining) + "分钟后再试");
        this.remaining = remaining;
    }

    /** How long the lock still lasts. */
    public Duration remaining() {
        return remaining;
    }

    /** Whole minutes, rounded up: "in 0 minutes" would invite an immediate retry that is still refused. */
    static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }
}
