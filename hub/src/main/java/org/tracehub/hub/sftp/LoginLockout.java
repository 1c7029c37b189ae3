package org.tracehub.hub.sftp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks an account, and separately an address, for a while after repeated failed password logins: a
 * password guesser is slowed down whether it tries many passwords on one account or one password on
 * many accounts. While locked, every login of that account or from that address is refused, even with
 * the right password. Each lock is logged at WARN when it starts.
 *
 * <p>A successful login clears its account's failures, not its address's, so that an attacker holding one
 * account cannot keep resetting the count while guessing others.
 */
final class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    LoginLockout(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    boolean isLocked(String account, SocketAddress from) {
        Instant now = clock.instant();
        return locked(accounts.get(account), now) || locked(addresses.get(host(from)), now);
    }

    /**
     * @param knownAccount whether the login name is an account; failures of unknown names count only for their address,
     *                     so that made-up names cannot fill memory
     */
    void failed(String account, boolean knownAccount, SocketAddress from) {
        Instant now = clock.instant();
        if (knownAccount && count(accounts, account, now)) {
            log.warn("SFTP account {} locked for {} after {} failed logins (last from {})", account, lockout, maxFailures, host(from));
        }
        if (count(addresses, host(from), now)) {
            log.warn("SFTP logins from {} locked for {} after {} failed logins (last as {})", host(from), lockout, maxFailures, account);
        }
    }

    void succeeded(String account) {
        accounts.remove(account);
    }

    /** Returns true when this failure starts a lock. */
    private boolean count(Map<String, Failures> map, String key, Instant now) {
        if (map.size() > PRUNE_ABOVE) {
            map.values().removeIf(f -> f.forgotten(now));
        }
        return map.computeIfAbsent(key, k -> new Failures()).add(now);
    }

    private static boolean locked(Failures failures, Instant now) {
        return failures != null && failures.locked(now);
    }

    static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** Recent failures of one account or address, and the lock they caused. */
    private final class Failures {
        private final Deque<Instant> recent = new ArrayDeque<>();
        private Instant lockedUntil;

        synchronized boolean add(Instant now) {
            if (locked(now)) {
                return false;
            }
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(lockout))) {
                recent.removeFirst();
            }
            recent.addLast(now);
            if (recent.size() >= maxFailures) {
                recent.clear();
                lockedUntil = now.plus(lockout);
                return true;
            }
            return false;
        }

        synchronized boolean locked(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        synchronized boolean forgotten(Instant now) {
            return !locked(now) && (recent.isEmpty() || !recent.peekLast().isAfter(now.minus(lockout)));
        }
    }
}
