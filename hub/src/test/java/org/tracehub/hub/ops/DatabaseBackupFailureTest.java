package org.tracehub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.tracehub.platform.storage.HubStorage;

/**
 * A backup that fails half-way (a full disk) leaves nothing under a backup's name, and a partial left by a crash is
 * neither taken for a backup nor kept. A real H2 database; the full disk is a writer that writes part of the file, then
 * fails as the file system does.
 */
class DatabaseBackupFailureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T17:30:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dataDir;

    private String url;
    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void open() {
        url = "jdbc:h2:file:" + dataDir.resolve("db/tracehub");
        dataSource = new SingleConnectionDataSource(url, "sa", "", true);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void close() {
        jdbc.sql("SHUTDOWN").update();
        dataSource.destroy();
    }

    @Test
    void aBackupThatRunsOutOfDiskLeavesNoFileThatLooksLikeABackup() {
        DatabaseBackup backup = new DatabaseBackup(jdbc, new HubStorage(dataDir.toString()), CLOCK, url, (jdbc, format, file) -> {
            Files.write(file, new byte[4096]);
            throw new IOException("No space left on device");
        });

        assertThatThrownBy(() -> backup.backup(DatabaseBackup.Format.ZIP)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");

        assertThat(files()).isEmpty();
    }

    @Test
    void aPartialLeftByACrashIsNotABackupAndTheNextBackupRemovesIt() throws IOException {
        Path backups = Files.createDirectories(dataDir.resolve(DatabaseBackup.FOLDER));
        Files.write(backups.resolve("tracehub-20261130-013000.zip" + DatabaseBackup.PARTIAL), new byte[4096]);
        DatabaseBackup backup = new DatabaseBackup(jdbc, new HubStorage(dataDir.toString()), CLOCK, url);

        DatabaseBackup.Written written = backup.backup(DatabaseBackup.Format.ZIP);

        assertThat(written.file()).isEqualTo("backups/tracehub-20261202-013000.zip");
        assertThat(files()).containsExactly("tracehub-20261202-013000.zip");
    }

    private List<String> files() {
        Path backups = dataDir.resolve(DatabaseBackup.FOLDER);
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(backups)) {
            return listed.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
