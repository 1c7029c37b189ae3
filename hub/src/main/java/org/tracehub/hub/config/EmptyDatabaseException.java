package org.tracehub.hub.config;

import java.nio.file.Path;

/** The start stopped on an empty database beside an archive that holds batches ({@link EmptyDatabaseCheck}). */
public class EmptyDatabaseException extends IllegalStateException {

    static final String ACTION = "请先恢复数据库（README.md“Backup and restore”第 2 步：H2 备份 zip 解压到数据目录的 db/，或以数据目录的"
            + "绝对路径运行 RunScript；PostgreSQL 运行 pg_restore），再启动。Restore the database first (README.md, \"Backup and "
            + "restore\", step 2: unzip the H2 backup into the data directory's db/, or run RunScript with the data directory's "
            + "absolute path in -url; PostgreSQL: pg_restore), then start again. Only to start afresh beside the old archive "
            + "on purpose, start once with " + EmptyDatabaseCheck.SETTING + "=true.";

    private final String description;

    EmptyDatabaseException(Path batchFolder) {
        this("数据库中没有任何批次，但归档目录中已有批次文件夹（" + batchFolder + "）：数据目录已恢复，数据库却没有恢复。 "
                + "The database has no batch, but the archive already holds batch folders (" + batchFolder + "): the data "
                + "directory was restored and the database was not; started so, the hub would forget every earlier batch.");
    }

    private EmptyDatabaseException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    String description() {
        return description;
    }
}
