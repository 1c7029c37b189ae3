package org.tracehub.routes.pull;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code hub.pull.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullProperties.class)
public class PullConfiguration {
}
