package org.tracehub.hub.web;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** The public address of a code's consumer page: {@code hub.public-base-url} + {@code /t/} + the code as one path segment. */
@Component
public class ConsumerLinks {

    static final String PAGE_PREFIX = "/t/";
    /** The same page's address as a label printer writes it, all in capitals for QR's alphanumeric mode. */
    public static final String CAPITAL_PAGE_PREFIX = "/T/";

    private final String baseUrl;

    public ConsumerLinks(@Value("${hub.public-base-url}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Every character outside the path-segment set is percent-encoded (UTF-8), so the URL is plain ASCII. */
    public String pageOf(String code) {
        return baseUrl + PAGE_PREFIX + segmentOf(code);
    }

    /**
     * {@code ;} is legal in a path segment but Tomcat and Spring MVC cut a segment at it (path parameters), so it
     * is percent-encoded as well.
     */
    static String segmentOf(String code) {
        return UriUtils.encodePathSegment(code, StandardCharsets.UTF_8).replace(";", "%3B");
    }
}
