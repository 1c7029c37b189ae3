package org.tracehub.hub.config;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.storage.InstallationIdentity;

/**
 * Stops the start when the database and the data directory carry two installation ids ({@link InstallationIdentity}): a
 * staging database beside the production data dir, or the reverse. After {@link EmptyDatabaseCheck}, so that a database
 * Flyway has just made empty beside a restored archive is refused for what it is, and given no id. An admin who puts a
 * database beside another copy of the data directory on purpose says so with {@value #SETTING}.
 */
@Component
@DependsOn("emptyDatabaseCheck")
class InstallationIdCheck implements InitializingBean {

    static final String SETTING = "hub.allow-installation-mismatch";

    private static final Logger log = LoggerFactory.getLogger(InstallationIdCheck.class);

    private final InstallationIdentity identity;
    private final boolean allowed;
    private final String databaseUrl;

    InstallationIdCheck(JdbcClient jdbc, InsertIfAbsent inserts, HubStorage storage, Clock clock,
                        @Value("${" + SETTING + ":false}") boolean allowed, @Value("${spring.datasource.url:}") String databaseUrl) {
        this.identity = new InstallationIdentity(jdbc, inserts, storage.dataDir(), clock);
        this.allowed = allowed;
        // a URL may carry the password: the message is logged
        this.databaseUrl = databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void afterPropertiesSet() {
        Optional<InstallationIdentity.Mismatch> mismatch = identity.settle();
        if (mismatch.isEmpty()) {
            return;
        }
        if (!allowed) {
            throw new InstallationMismatchException(mismatch.get(), databaseUrl);
        }
        identity.adoptDatabaseId(mismatch.get());
        log.warn("{}={}: the data directory ({}) took the database's installation id {} in place of {}; remove the setting",
                SETTING, true, mismatch.get().file(), mismatch.get().inDatabase(), mismatch.get().inDataDir());
    }
}
