package org.tracehub.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    /**
     * One clock for the whole hub, so tests can fix time. Its zone ({@code hub.time-zone}, default
     * Asia/Shanghai) is the one senders live in: receipt times and archive dates read as theirs.
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock(@Value("${hub.time-zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
