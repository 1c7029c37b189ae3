package org.tracehub.hub.web;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when {@code hub.public-base-url} cannot be what printed labels should carry: every QR code and
 * label sheet carries the URL, and a label on a product, a lift or a gas cylinder is read for years after it was
 * printed. A local host ({@code localhost}, {@code 127.0.0.1}, the default) is unreachable from a consumer's phone;
 * plain {@code http} is marked insecure by browsers, and cannot be moved to https later without keeping an http
 * redirect for as long as labels live. Not in the {@code demo} profile, which runs on a laptop by design.
 */
@Component
public class PublicBaseUrlAdvice {

    private static final Logger log = LoggerFactory.getLogger(PublicBaseUrlAdvice.class);

    private final String baseUrl;
    private final boolean demo;

    public PublicBaseUrlAdvice(@Value("${hub.public-base-url}") String baseUrl, Environment environment) {
        this.baseUrl = baseUrl;
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void adviseOnce() {
        if (!demo) {
            advice(baseUrl).ifPresent(log::warn);
        }
    }

    /**
     * The notice the label sheets and the dashboard show while labels would carry an address consumers cannot use (the
     * start-up's WARN line went unread for years of labels); null when the address is fine.
     */
    public String labelNotice() {
        return advice(baseUrl).map(warning -> "注意：二维码和标签上的地址是 " + baseUrl + "（hub.public-base-url），"
                + (pointsToThisMachine(baseUrl) ? "这是本机地址，消费者的手机无法打开" : "不是 https，浏览器会标为不安全")
                + "。标签一经打印便无法更改，请管理员先设置正式的 https 地址再打印。").orElse(null);
    }

    /** The warning for this base URL, if it is one labels should not carry. */
    public static Optional<String> advice(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(warning(baseUrl, List.of("it is not a URL")));
        }
        List<String> reasons = new ArrayList<>();
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || isLocal(host)) {
            reasons.add("its host " + (host.isEmpty() ? "is missing" : host + " is this machine") + ", which a consumer's phone cannot reach");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            reasons.add("it is plain " + uri.getScheme() + ", which browsers mark as not secure; moving to https later keeps "
                    + "working only while the http address redirects, for as long as the labels live");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(warning(baseUrl, reasons));
    }

    private static String warning(String baseUrl, List<String> reasons) {
        return ("hub.public-base-url is %s: %s. Every QR code and label printed from now on carries this address for good; "
                + "set the public https address the programme will keep (README, \"Configuration\")")
                .formatted(baseUrl, String.join("; ", reasons));
    }

    /** Whether the URL's host is this machine (or missing, or the URL no URL): no one else reaches it. */
    public static boolean pointsToThisMachine(String baseUrl) {
        try {
            String host = URI.create(baseUrl.strip()).getHost();
            return host == null || isLocal(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean isLocal(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("0.0.0.0")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;   // a name: never looked up here
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
