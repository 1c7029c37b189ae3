package org.tracehub.hub.web;

import java.util.Arrays;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SettingsCheck;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * Refuses a local or plain-http {@code hub.public-base-url} on PostgreSQL, the production database: every label printed
 * carries the address for years, and a WARN line at start-up ({@link PublicBaseUrlAdvice}) went unread while the label
 * sheets printed {@code http://localhost:8080} codes. A staging hub on PostgreSQL says it means it with
 * {@code hub.allow-provisional-public-base-url=true} (its label sheets and dashboard then say so). On the embedded H2, a
 * trial, the warning and the banner stay; the {@code demo} profile has its own check ({@code demo.DemoProfileCheck}).
 */
@Component
class PublicBaseUrlCheck extends SettingsCheck {

    static final String ALLOW = "hub.allow-provisional-public-base-url";

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        if (!settings.bind("spring.datasource.url", String.class).orElse("").startsWith("jdbc:postgresql:")
                || Arrays.asList(environment.getActiveProfiles()).contains("demo")
                || settings.bind(ALLOW, Boolean.class).orElse(false)) {
            return;
        }
        String baseUrl = settings.bind("hub.public-base-url", String.class).orElse("");
        PublicBaseUrlAdvice.advice(baseUrl).ifPresent(advice -> {
            throw new StartRefusedException(StartRefusalCodes.PUBLIC_BASE_URL_PROVISIONAL,
                    "hub.public-base-url=" + baseUrl + " 不能印在标签上（本机地址或非 https），而数据库是正式的 PostgreSQL：从此打印的"
                            + "每个二维码都会永久带着这个地址。 " + advice + ".",
                    "请将 hub.public-base-url（HUB_PUBLIC_BASE_URL）设为本项目长期保留的公网 https 地址。仅预发布环境确需如此时，"
                            + "设置 " + ALLOW + "=true。 Set hub.public-base-url (HUB_PUBLIC_BASE_URL) to the public https "
                            + "address the programme will keep; only for a staging hub that means it, set " + ALLOW + "=true.");
        });
    }
}
