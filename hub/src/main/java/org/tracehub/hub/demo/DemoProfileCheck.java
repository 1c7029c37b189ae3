package org.tracehub.hub.demo;

import java.util.Arrays;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.EmbeddedH2Url;
import org.tracehub.hub.config.SettingsCheck;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;
import org.tracehub.hub.web.PublicBaseUrlAdvice;

/**
 * Refuses the {@code demo} profile where it is plainly not a laptop's demo: a public {@code hub.public-base-url}, or a
 * database other than the embedded H2 (PostgreSQL). Its admin, operator and viewer, and a drop-box account (an HTTP
 * sender too) for every built-in source, have passwords printed in the root README, and its user map merges with the
 * production one, so the demo admin stayed; its sample files went into the live store. The bench runs
 * {@code demo,postgres} and says so with {@code hub.demo.allow=true}.
 */
@Component
class DemoProfileCheck extends SettingsCheck {

    static final String ALLOW = "hub.demo.allow";

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("demo")
                || settings.bind(ALLOW, Boolean.class).orElse(false)) {
            return;
        }
        String baseUrl = settings.bind("hub.public-base-url", String.class).orElse("");
        String databaseUrl = settings.bind("spring.datasource.url", String.class).orElse("");
        String where;
        if (!PublicBaseUrlAdvice.pointsToThisMachine(baseUrl)) {
            where = "hub.public-base-url=" + baseUrl;
        } else if (EmbeddedH2Url.database(databaseUrl).isEmpty()) {
            where = "spring.datasource.url=" + databaseUrl;
        } else {
            return;
        }
        throw new StartRefusedException(StartRefusalCodes.DEMO_PROFILE_REFUSED,
                "spring.profiles.active 含有 demo 配置，而 " + where + " 不是本机的演示环境：demo 配置的管理员、操作员和各数据源的"
                        + "账号密码都公开写在 README 中，任何人都能以管理员登录、冒充数据源上传，示例文件也会进入正式数据。"
                        + " The profile demo is active (spring.profiles.active) while " + where + " is not a demo on this "
                        + "machine: the demo's admin, operator and every source's account have passwords printed in the README, "
                        + "so anyone could sign in as admin or upload as a sender, and its sample files would enter live data.",
                "请从 spring.profiles.active（或 SPRING_PROFILES_ACTIVE）中去掉 demo，在 hub.security.users 和 hub.sftp.accounts 中"
                        + "配置自己的用户和账号。仅测试环境（如 bench）确需如此时，设置 " + ALLOW + "=true。"
                        + " Remove demo from spring.profiles.active (or SPRING_PROFILES_ACTIVE) and configure your own users "
                        + "and accounts in hub.security.users and hub.sftp.accounts (README, \"Configuration\"). Only for a "
                        + "test set-up that means it (the bench), set " + ALLOW + "=true.");
    }
}
