package org.tracehub.hub.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.standard.*}: the deployment's additions to the standard's shipped tables.
 *
 * @param extraRegionCodes GB/T 2260 code → name, current codes the shipped table ({@code codes/gb2260.csv}, in the jar)
 *                         does not carry yet: a district created after the release would reject every row with its code
 *                         until the next one
 */
@ConfigurationProperties(prefix = "hub.standard", ignoreUnknownFields = false)
public record StandardSettings(Map<String, String> extraRegionCodes) {

    /** The setting's key, for the messages that name it. */
    public static final String EXTRA_REGION_CODES = "hub.standard.extra-region-codes";

    public StandardSettings {
        extraRegionCodes = extraRegionCodes == null ? Map.of() : Map.copyOf(extraRegionCodes);
    }
}
