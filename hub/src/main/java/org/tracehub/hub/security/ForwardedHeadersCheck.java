package org.tracehub.hub.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SettingsCheck;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * Refuses the reverse-proxy settings under which any client names its own address: the sign-in lockout
 * ({@code LockingAuthenticationProvider}, {@code RefusedLogins}) counts failures by the client's address, and a guesser
 * who names a new one in {@code X-Forwarded-For} with each try is never locked. {@code framework} believes the header
 * from anyone (Spring's request wrapper overrides {@code getRemoteAddr}); {@code native} believes it from the addresses
 * {@code server.tomcat.remoteip.internal-proxies} matches, so a pattern that matches public addresses ({@code .*}) is as
 * bad. The supported set-up (hub/README.md): {@code native} and a pattern of the proxy's own addresses.
 */
@Component
class ForwardedHeadersCheck extends SettingsCheck {

    static final String STRATEGY = "server.forward-headers-strategy";
    static final String INTERNAL_PROXIES = "server.tomcat.remoteip.internal-proxies";

    /**
     * Addresses no proxy of the hub has, spread over the public ranges: a pattern matching any of them matches the
     * Internet, not a proxy (documentation ranges, public resolvers).
     */
    static final List<String> PUBLIC_ADDRESSES = List.of("203.0.113.5", "198.51.100.7", "8.8.8.8", "1.1.1.1",
            "114.114.114.114", "223.5.5.5", "45.33.32.156", "2001:db8::1", "2001:db8:0:0:0:0:0:1");

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        String strategy = settings.bind(STRATEGY, String.class).orElse("none").strip().toLowerCase(Locale.ROOT);
        if (strategy.equals("framework")) {
            throw refused(STRATEGY + "=framework 会相信任何客户端自己填写的 X-Forwarded-For，猜密码者每次换一个地址即可绕过登录锁定。"
                    + " " + STRATEGY + "=framework believes X-Forwarded-For from any client: a password guesser names a "
                    + "new address with each try and is never locked out.");
        }
        if (strategy.equals("native")) {
            String proxies = settings.bind(INTERNAL_PROXIES, String.class).orElse("");
            matchedPublicAddress(proxies).ifPresent(address -> {
                throw refused(INTERNAL_PROXIES + "=" + proxies + " 也匹配公网地址（如 " + address + "），任何客户端都会被当作代理，"
                        + "其 X-Forwarded-For 都会被相信，登录锁定可被绕过。 " + INTERNAL_PROXIES + "=" + proxies
                        + " matches public addresses too (" + address + "): every client is taken for the proxy and its "
                        + "X-Forwarded-For believed, so the sign-in lockout can be bypassed.");
            });
        }
    }

    /** The first of the public addresses the pattern matches (Tomcat matches the whole address), if any. */
    static Optional<String> matchedPublicAddress(String proxies) {
        if (proxies.isBlank()) {
            return Optional.empty();
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(proxies);
        } catch (PatternSyntaxException e) {
            return Optional.empty();   // Tomcat refuses it itself, naming it
        }
        return PUBLIC_ADDRESSES.stream().filter(address -> pattern.matcher(address).matches()).findFirst();
    }

    private static StartRefusedException refused(String description) {
        return new StartRefusedException(StartRefusalCodes.FORWARDED_HEADERS_UNSAFE, description,
                "在反向代理后面请设置 " + STRATEGY + "=native，并将 " + INTERNAL_PROXIES + " 设为只匹配代理自身地址的正则"
                        + "（如 10\\.0\\.0\\.5）；没有代理时用 none（默认）。见 hub/README.md 的 security 一节。"
                        + " Behind a reverse proxy set " + STRATEGY + "=native and " + INTERNAL_PROXIES + " to a regex of "
                        + "the proxy's own addresses (10\\.0\\.0\\.5); without a proxy keep none, the default "
                        + "(SERVER_FORWARD_HEADERS_STRATEGY, SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES; hub/README.md, security).");
    }
}
