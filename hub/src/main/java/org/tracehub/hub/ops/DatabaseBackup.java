package org.tracehub.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.OwnerOnlyFolders;
import org.tracehub.platform.storage.HubStorage;

/**
 * An online backup of the embedded H2 database, consistent as of one moment although the hub keeps writing, into the data
 * directory's {@code backups/} (names stamped in the hub time zone): {@link Format#ZIP} is H2's {@code BACKUP TO}, a zip of
 * the database file (H2 copies its transaction log with it), restored by unzipping it into {@code db/} while the hub is
 * stopped; {@link Format#SQL} is H2's {@code SCRIPT TO … COMPRESSION GZIP}, the database as SQL statements, which any
 * later H2 version can run into an empty database (an upgrade of H2 may not open an older version's file). Nothing else
 * can take either while the hub runs: H2 locks its file to the hub's process. On PostgreSQL the database's own tools back
 * it up ({@code pg_dump}).
 *
 * <p>H2 writes the backup to {@code <name>.partial} and the hub renames it to its final name (an atomic move) only once
 * H2 has finished: a failure half-way (a full disk) leaves no truncated {@code tracehub-<stamp>.zip} that looks like a good
 * backup and that the README's {@code rsync --remove-source-files} would ship off the machine in place of the last good
 * one. The partial is deleted on failure; one left by a crash (the hub killed mid-backup) never carries a backup's name,
 * and the next backup deletes it.
 */
@Component
public class DatabaseBackup {

    /** Under the data directory. */
    public static final String FOLDER = "backups";

    private static final Logger log = LoggerFactory.getLogger(DatabaseBackup.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** What a backup is written as until it is complete; never taken for a backup. */
    public static final String PARTIAL = ".partial";

    private final JdbcClient jdbc;
    private final HubStorage storage;
    private final Clock clock;
    private final String url;
    private final Writer writer;

    @Autowired
    public DatabaseBackup(JdbcClient jdbc, HubStorage storage, Clock clock, @Value("${spring.datasource.url:}") String url) {
        this(jdbc, storage, clock, url, DatabaseBackup::h2);
    }

    DatabaseBackup(JdbcClient jdbc, HubStorage storage, Clock clock, String url, Writer writer) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.clock = clock;
        this.url = url;
        this.writer = writer;
    }

    /** Writes the database, in the format, to the file: H2's own commands; a test's failing one. */
    @FunctionalInterface
    interface Writer {
        void write(JdbcClient jdbc, Format format, Path file) throws IOException;
    }

    /** What a backup is written as. */
    public enum Format {
        /** {@code tracehub-<stamp>.zip}: the database file, for a restore on the same H2 version. */
        ZIP(".zip"),
        /** {@code tracehub-<stamp>.sql.gz}: SQL statements, for a restore on any later H2 version too. */
        SQL(".sql.gz");

        private final String suffix;

        Format(String suffix) {
            this.suffix = suffix;
        }
    }

    /** A backup written: its path relative to the data directory, and its size. */
    public record Written(String file, long bytes) {
    }

    /** Whether the store is the embedded H2 database, which this backs up. */
    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * @throws IllegalStateException when the store is not the embedded H2 database
     */
    public synchronized Written backup(Format format) {
        if (!embedded()) {
            throw new IllegalStateException("not the embedded H2 database: " + url);
        }
        try {
            Path folder = OwnerOnlyFolders.create(storage.dataDir().resolve(FOLDER));
            String stamp = LocalDateTime.now(clock).format(STAMP);
            Path file = folder.resolve("tracehub-" + stamp + format.suffix);
            for (int n = 2; Files.exists(file); n++) {
                file = folder.resolve("tracehub-" + stamp + "-" + n + format.suffix);
            }
            deleteLeftoverPartials(folder);
            Path partial = file.resolveSibling(file.getFileName() + PARTIAL);
            try {
                writer.write(jdbc, format, partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                log.error("database backup to {} failed; nothing was kept under that name", file, e);
                throw e;
            }
            long bytes = Files.size(file);
            log.info("database backed up to {} ({} bytes)", file, bytes);
            return new Written(storage.dataDir().relativize(file).toString(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void h2(JdbcClient jdbc, Format format, Path file) {
        // a literal: neither command takes a parameter; the name is the hub's own
        String literal = "'" + file.toString().replace("'", "''") + "'";
        if (format == Format.ZIP) {
            jdbc.sql("BACKUP TO " + literal).update();
        } else {
            jdbc.sql("SCRIPT TO " + literal + " COMPRESSION GZIP").query().listOfRows();   // SCRIPT answers as a query
        }
    }

    /** Partials left by a backup the hub did not live to finish (backups are one at a time: this method is synchronized). */
    private static void deleteLeftoverPartials(Path folder) throws IOException {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, "*" + PARTIAL)) {
            for (Path partial : partials) {
                log.warn("deleting {}, an unfinished database backup (the hub stopped while writing it)", partial);
                Files.deleteIfExists(partial);
            }
        }
    }
}
