package org.tracehub.hub.web;

import java.util.Locale;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets trace codes that contain "/" (some legacy codes do) travel in one path segment as
 * {@code %2F}: {@code /t/SH%2F2019%2F0456}, {@code /qr/SH%2F2019%2F0456.png},
 * {@code /api/trace/SH%2F2019%2F0456}. Tomcat answers such requests with 400 by default; Spring Boot
 * 4.0 has no property for it, so the connector is set here from {@code hub.encoded-slash-handling}.
 *
 * <p>{@code decode} (the default in application.yml) is what Spring MVC needs: its path matching
 * ({@code spring.mvc.pathmatch.matching-strategy=path-pattern-parser}, Spring Framework 7's only
 * strategy for controllers) splits the raw request URI into segments before decoding each, so
 * {@code /t/{code}} captures {@code SH/2019/0456} whatever Tomcat does with the servlet path, and a
 * decoded servlet path contains no {@code %} for Spring Security's firewall to refuse. The firewall
 * must allow encoded slashes ({@code StrictHttpFirewall#setAllowUrlEncodedSlash(true)}, see
 * hub/README.md). {@code passthrough} would also need {@code setAllowUrlEncodedPercent(true)}.
 */
@Configuration(proxyBeanMethods = false)
public class EncodedSlashConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashHandling(@Value("${hub.encoded-slash-handling}") String handling) {
        // fail at start-up on a value Tomcat does not know (reject, decode, passthrough)
        EncodedSolidusHandling known = EncodedSolidusHandling.fromString(handling.trim().toLowerCase(Locale.ROOT));
        if (known == null) {
            throw new IllegalArgumentException("hub.encoded-slash-handling must be reject, decode or passthrough, not " + handling);
        }
        String value = known.getValue();
        return connector -> {
            connector.setEncodedSolidusHandling(value);
            // A "\\" in a legacy code travels as %5C. Decoded, Tomcat refuses it with its own English 400 page;
            // passed through, Spring MVC decodes it in the code's segment (TraceCodePathFirewall lets it into
            // the public code paths only).
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        };
    }
}
