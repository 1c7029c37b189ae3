package org.tracehub.hub.sftp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.hub.logging.ClientNames;
import org.tracehub.hub.logging.RefusalTally;

/**
 * Locks password logins for a while after repeated failures: an account from one address, and separately an address
 * whatever the account. A password guesser is slowed down whether it tries many passwords on one account or one password
 * on many accounts. While locked, every password login of that account from that address, or from that address at all, is
 * refused, even with the right password. Each lock is logged at WARN when it starts; the logins refused while it lasts
 * are counted, one line a minute ({@link #refusedWhileLocked}): a client that keeps trying cannot fill the log.
 *
 * <p>An account is locked per address, not everywhere: an anonymous client that knows a sender's id could otherwise keep
 * its drop-box (and the admins) locked out for good with a few wrong passwords every quarter of an hour. The sender, from
 * its own address, keeps logging in. There is no lock of the account from everywhere: any ceiling a botnet can reach from
 * enough addresses would hand it that denial of service again; guessing spread over many addresses is bounded by the
 * per-address limits and shows in the refused-logins counters and these WARN lines.
 *
 * <p>An address takes more failures than an account before it locks: many markets reach the hub through one
 * gateway (a government network, a market group's NAT), and one clerk's typos must not lock every sender
 * behind it. A guesser trying one password on many accounts from one address is still stopped, a little later.
 *
 * <p>A successful login clears its account's failures from its address, not the address's, so that an attacker
 * holding one account cannot keep resetting the count while guessing others.
 *
 * <p>Public-key logins are not locked (the authenticators do not ask): a key cannot be guessed, and a lock that password
 * guesses caused must not stop a sender that logs in with its key.
 *
 * <p>One instance serves the drop-box and HTTP sign-in (Basic and the console's form): every drop-box account is also
 * an HTTP user with the same password, so guesses over either count against both, and a lock holds on both. Behind a
 * reverse proxy HTTP sees the proxy's address unless {@code server.forward-headers-strategy} is set (hub/README.md).
 */
public final class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<AccountAt, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final RefusalTally lockedRefusals;

    /**
     * @param maxFailures        failures within {@code lockout} that lock an account from one address
     * @param maxAddressFailures failures within {@code lockout}, over every account, that lock an address
     */
    public LoginLockout(int maxFailures, int maxAddressFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.maxAddressFailures = maxAddressFailures;
        this.lockout = lockout;
        this.clock = clock;
        this.lockedRefusals = new RefusalTally(clock);
    }

    /** How long a lock lasts. */
    public Duration lockout() {
        return lockout;
    }

    boolean isLocked(String account, SocketAddress from) {
        return isLocked(account, host(from));
    }

    /** Whether password logins of the account from the address ({@link #host}), or from the address at all, are locked now. */
    public boolean isLocked(String account, String host) {
        return lockedFor(account, host).isPresent();
    }

    /**
     * How long the lock of the account from the address, or of the address, still lasts (the longer of the two); empty when
     * neither is locked.
     */
    public Optional<Duration> lockedFor(String account, String host) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(accounts.get(new AccountAt(account, host)), now), lockedUntil(addresses.get(host), now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /**
     * @param knownAccount whether the login name is an account; failures of unknown names count only for their address,
     *                     so that made-up names cannot fill memory
     */
    void failed(String account, boolean knownAccount, SocketAddress from) {
        failed("SFTP", account, knownAccount, host(from));
    }

    /**
     * A failed password login over {@code channel} (SFTP, HTTP: only for the log).
     *
     * @param knownAccount whether the login name is an account; failures of unknown names count only for their address,
     *                     so that made-up names cannot fill memory
     */
    public void failed(String channel, String account, boolean knownAccount, String host) {
        Instant now = clock.instant();
        if (knownAccount && count(accounts, new AccountAt(account, host), maxFailures, now)) {
            log.warn("{} account {} locked for logins from {} for {} after {} failed logins", channel, ClientNames.signInName(account, true),
                    host, lockout, maxFailures);
        }
        if (count(addresses, host, maxAddressFailures, now)) {
            log.warn("{} logins from {} locked for {} after {} failed logins (last as {})", channel, host, lockout,
                    maxAddressFailures, ClientNames.signInName(account, knownAccount));
        }
    }

    /**
     * A login over {@code channel} (SFTP, HTTP) refused as {@link #lockedFor} said: logged with the count of those since
     * the last such line, at most once a minute over every lock.
     */
    public void refusedWhileLocked(String channel, String account, boolean knownAccount, String host) {
        lockedRefusals.refused().ifPresent(count -> log.warn("{} login(s) refused while locked since the last such line; the "
                + "latest: {} user={} from={}", count, channel, ClientNames.signInName(account, knownAccount), host));
    }

    void succeeded(String account, SocketAddress from) {
        succeeded(account, host(from));
    }

    /** A login that succeeded (password or key): clears the account's failures from that address. */
    public void succeeded(String account, String host) {
        accounts.remove(new AccountAt(account, host));
    }

    /** Returns true when this failure starts a lock. */
    private <K> boolean count(Map<K, Failures> map, K key, int limit, Instant now) {
        if (map.size() > PRUNE_ABOVE) {
            map.values().removeIf(f -> f.forgotten(now));
        }
        return map.computeIfAbsent(key, k -> new Failures()).add(now, limit);
    }

    private static Instant lockedUntil(Failures failures, Instant now) {
        return failures == null ? null : failures.lockedUntil(now);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** The address as the lockout keys it: the IP address, without the port. */
    public static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** An account as logged in to from one address: what failures lock. */
    private record AccountAt(String account, String host) {
    }

    /** Recent failures of one account or address, and the lock they caused. */
    private final class Failures {
        private final Deque<Instant> recent = new ArrayDeque<>();
        private Instant lockedUntil;

        synchronized boolean add(Instant now, int limit) {
            if (locked(now)) {
                return false;
            }
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(lockout))) {
                recent.removeFirst();
            }
            recent.addLast(now);
            if (recent.size() >= limit) {
                recent.clear();
                lockedUntil = now.plus(lockout);
                return true;
            }
            return false;
        }

        synchronized boolean locked(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        synchronized Instant lockedUntil(Instant now) {
            return locked(now) ? lockedUntil : null;
        }

        synchronized boolean forgotten(Instant now) {
            return !locked(now) && (recent.isEmpty() || !recent.peekLast().isAfter(now.minus(lockout)));
        }
    }
}
