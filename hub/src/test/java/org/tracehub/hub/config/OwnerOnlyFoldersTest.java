package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's folders are created for the hub's user alone, where the file system has permissions at all. */
class OwnerOnlyFoldersTest {

    @TempDir
    Path temp;

    @Test
    void everyMissingFolderOnTheWayIsCreatedOwnerOnly() throws Exception {
        Path folder = OwnerOnlyFolders.create(temp.resolve("srv").resolve("data").resolve("ssh"));

        for (Path created : new Path[] {temp.resolve("srv"), temp.resolve("srv/data"), folder}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).as(created.toString()).isEqualTo("rwx------");
        }
        assertThat(OwnerOnlyFolders.openToOthers(folder)).isEmpty();
    }

    @Test
    void anExistingFolderIsLeftAsTheAdminSetItAndSaidToBeOpen() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));

        OwnerOnlyFolders.create(shared);
        OwnerOnlyFolders.create(shared.resolve("archive"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-x---");
        assertThat(OwnerOnlyFolders.openToOthers(shared)).hasValue("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("archive")))).isEqualTo("rwx------");
    }

    @Test
    void aFileSystemWithoutPosixPermissionsGetsItsFoldersAllTheSame() throws Exception {
        // a zip file system has no POSIX permissions unless asked to, like a Windows disk or some network shares
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + temp.resolve("data.zip").toUri()), Map.of("create", "true"))) {
            Path folder = OwnerOnlyFolders.create(zip.getPath("/data/ssh"));

            assertThat(Files.isDirectory(folder)).isTrue();
            assertThat(OwnerOnlyFolders.openToOthers(folder)).isEmpty();
        }
    }
}
