package org.tracehub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An H2 store with the hub's migrations applied, for tests that use the store without the application: the migrations
 * run once per test JVM into a template under {@code target/} and each store is a copy of its file, as the 31 migrations
 * on a new file cost each such test about a second.
 */
public final class MigratedStore {

    private static final String NAME = "tracehub";

    private MigratedStore() {
    }

    /** A migrated store of its own in the folder: the folder's {@code tracehub} H2 file, as its JDBC URL. */
    public static String in(Path folder) {
        try {
            Files.copy(Template.FILE, folder.resolve(Template.FILE.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "jdbc:h2:file:" + folder.resolve(NAME);
    }

    // the JVM's lazy holder: migrated on first use; closed once Flyway is done (its last connection closes the file)
    private static final class Template {
        static final Path FILE = migrate();

        private static Path migrate() {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                Path folder = Files.createTempDirectory(target.toAbsolutePath(), "migrated-store-");
                DriverManagerDataSource store = new DriverManagerDataSource("jdbc:h2:file:" + folder.resolve(NAME), "sa", "");
                Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load()
                        .migrate();
                return folder.resolve(NAME + ".mv.db");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
