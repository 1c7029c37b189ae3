package org.tracehub.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The installation id in the database and in the data directory, on H2 and on a real PostgreSQL: given once, copied to
 * the half that has none (a fresh install, an upgrade, a partial restore from a copy older than the id), and told apart
 * when two installations' halves meet.
 */
@Tag("slow")
class InstallationIdentityOnBothDatabasesTest extends BothDatabases {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseAndADataDirOfOneInstallationStartAndOfTwoInstallationsDiffer(String vendor, DataSource ds) throws IOException {
        JdbcClient jdbc = migrate(vendor, ds);
        Path production = Files.createDirectories(dataDir.resolve("production"));
        assertThat(identity(jdbc, ds, production).settle()).as("a fresh install").isEmpty();
        String id = Files.readString(production.resolve(InstallationIdentity.FILE)).trim();
        assertThat(databaseId(jdbc)).isEqualTo(id);
        assertThat(identity(jdbc, ds, production).settle()).as("the next start").isEmpty();

        // only the machine restored, from last night's copy of the data dir: the same id
        Path lastNight = Files.createDirectories(dataDir.resolve("last-night"));
        Files.copy(production.resolve(InstallationIdentity.FILE), lastNight.resolve(InstallationIdentity.FILE));
        assertThat(identity(jdbc, ds, lastNight).settle()).isEmpty();
        // ... or from a copy older than the id: the data dir takes the database's
        Path older = Files.createDirectories(dataDir.resolve("older"));
        assertThat(identity(jdbc, ds, older).settle()).isEmpty();
        assertThat(Files.readString(older.resolve(InstallationIdentity.FILE)).trim()).isEqualTo(id);

        // the staging hub's data dir beside the production database
        Path staging = Files.createDirectories(dataDir.resolve("staging"));
        Files.writeString(staging.resolve(InstallationIdentity.FILE), "3f0c4bd4-0000-4000-8000-000000000001\n");
        InstallationIdentity wrong = identity(jdbc, ds, staging);
        InstallationIdentity.Mismatch mismatch = wrong.settle().orElseThrow();
        assertThat(mismatch).isEqualTo(new InstallationIdentity.Mismatch(id, "3f0c4bd4-0000-4000-8000-000000000001",
                staging.resolve(InstallationIdentity.FILE)));
        assertThat(Files.readString(staging.resolve(InstallationIdentity.FILE)).trim()).as("nothing written")
                .isEqualTo("3f0c4bd4-0000-4000-8000-000000000001");
        assertThat(databaseId(jdbc)).isEqualTo(id);

        // an admin's word that they belong together
        wrong.adoptDatabaseId(mismatch);
        assertThat(identity(jdbc, ds, staging).settle()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseFromBeforeTheIdTakesTheDataDirs(String vendor, DataSource ds) throws IOException {
        JdbcClient jdbc = migrate(vendor, ds);
        assertThat(identity(jdbc, ds, dataDir).settle()).isEmpty();
        String id = Files.readString(dataDir.resolve(InstallationIdentity.FILE)).trim();

        // only the database restored, from a dump older than the id
        jdbc.sql("DELETE FROM hub_installation").update();
        assertThat(identity(jdbc, ds, dataDir).settle()).isEmpty();
        assertThat(databaseId(jdbc)).isEqualTo(id);
    }

    private InstallationIdentity identity(JdbcClient jdbc, DataSource ds, Path dir) {
        return new InstallationIdentity(jdbc, new InsertIfAbsent(ds), dir, Clock.systemUTC());
    }

    private static String databaseId(JdbcClient jdbc) {
        return jdbc.sql("SELECT installation_id FROM hub_installation").query(String.class).single();
    }
}
