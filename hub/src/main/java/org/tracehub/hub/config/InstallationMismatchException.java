package org.tracehub.hub.config;

import org.tracehub.platform.storage.InstallationIdentity;

/**
 * The start stopped on a database and a data directory of two installations ({@link InstallationIdCheck}). The code
 * {@value #CODE} is stable for scripts that watch the log.
 */
public class InstallationMismatchException extends IllegalStateException {

    public static final String CODE = "INSTALLATION_MISMATCH";

    static final String ACTION = "请检查 spring.datasource.url（或 HUB_DB_URL）与 hub.data-dir 是否属于同一套安装（例如误用了测试环境的数据库）。"
            + "若是有意组合（例如把数据库恢复到另一份数据目录旁），请仅启动一次并设置 " + InstallationIdCheck.SETTING + "=true，"
            + "数据目录将采用数据库的安装标识。 Check that spring.datasource.url (or HUB_DB_URL) and hub.data-dir belong to one "
            + "installation (a staging database's URL beside the production data dir, or the reverse). Only if they belong "
            + "together on purpose (a database restored beside another copy of the data directory), start once with "
            + InstallationIdCheck.SETTING + "=true: the data directory takes the database's installation id.";

    private final String description;

    InstallationMismatchException(InstallationIdentity.Mismatch mismatch, String databaseUrl) {
        this(CODE + ": 数据库（spring.datasource.url=" + databaseUrl + "）的安装标识为 " + mismatch.inDatabase() + "，而数据目录（hub.data-dir，"
                + mismatch.file() + "）的为 " + mismatch.inDataDir() + "：二者属于不同的安装，按此启动会把重发的文件判为重复、找不到归档原件。 "
                + "The database (spring.datasource.url=" + databaseUrl + ") has installation id " + mismatch.inDatabase()
                + ", the data directory (hub.data-dir, " + mismatch.file() + ") " + mismatch.inDataDir() + ": they belong to two "
                + "installations; started so, the hub would answer resends DUPLICATE and miss the archived originals.");
    }

    private InstallationMismatchException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    String description() {
        return description;
    }
}
