package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new data directory and its folders are the hub user's alone; an existing open one is reported, not changed. */
class DataDirectoryPreparationTest {

    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryAndTheFoldersInItAreCreatedOwnerOnly() throws Exception {
        Path data = temp.resolve("data");
        Path outside = temp.resolve("elsewhere").resolve("db");

        assertThat(DataDirectoryPreparation.prepare(data, List.of(data.resolve("sftp"), data.resolve("db"), outside))).isEmpty();

        for (Path folder : List.of(data, data.resolve("sftp"), data.resolve("db"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString()).isEqualTo("rwx------");
        }
        assertThat(outside).as("a database kept elsewhere is not the hub's to create").doesNotExist();
    }

    @Test
    void anExistingDataDirectoryOthersMayEnterIsKeptAndWarnedAbout() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(DataDirectoryPreparation.prepare(data, List.of(data.resolve("ssh"))))
                .hasValueSatisfying(warning -> assertThat(warning).contains("(rwxr-xr-x)", "private host key", "chmod 700 " + data));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void theEmbeddedDatabasesFolderIsReadFromItsUrl() {
        assertThat(DataDirectoryPreparation.h2Folder("jdbc:h2:file:/srv/hub/data/db/tracehub;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"))
                .hasValue(Path.of("/srv/hub/data/db"));
        assertThat(DataDirectoryPreparation.h2Folder("jdbc:postgresql://db:5432/tracehub")).isEmpty();
    }
}
