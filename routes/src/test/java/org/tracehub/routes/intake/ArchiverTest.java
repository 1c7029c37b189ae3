package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiverTest {

    /** SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1). */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    private final Archiver archiver = new Archiver();

    @Test
    void computesTheKnownSha256OfTheContent() throws IOException {
        Path source = Files.write(dir.resolve("abc.csv"), new byte[] {'a', 'b', 'c'});

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive"), "abc.csv");

        assertThat(archived.sha256()).isEqualTo(SHA256_ABC);
        assertThat(archived.size()).isEqualTo(3);
        assertThat(Archiver.sha256Of(source)).isEqualTo(SHA256_ABC);
    }

    @Test
    void archivesAnEmptyFileWithTheSha256OfNothing() throws IOException {
        Path source = Files.createFile(dir.resolve("empty.csv"));

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive"), "empty.csv");

        assertThat(archived.sha256()).isEqualTo(SHA256_EMPTY);
        assertThat(archived.size()).isZero();
        assertThat(archived.file()).exists().isEmptyFile();
    }

    @Test
    void copiesALargeFileByteForByteUnderTheStoredNameAndLeavesTheSourceAlone() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path source = Files.write(dir.resolve("交易明细_20261127.csv"), content);
        Path folder = dir.resolve("archive/2026/11/27/20261127-0123456789");

        Archiver.Archived archived = archiver.archive(source, folder, "交易明细_20261127.csv");

        assertThat(archived.file()).isEqualTo(folder.resolve("交易明细_20261127.csv"));
        assertThat(Files.readAllBytes(archived.file())).isEqualTo(content);
        assertThat(archived.size()).isEqualTo(content.length);
        assertThat(archived.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(Files.readAllBytes(source)).isEqualTo(content);
        assertThat(folder).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".copying"));
    }

    @Test
    void keepsGb18030BytesExactlyAsSent() throws IOException {
        byte[] content = "序号,追溯码,品名\r\n1,XJM2611270001,白条猪\r\n".getBytes(Charset.forName("GB18030"));
        Path source = Files.write(dir.resolve("交易明细_1.csv"), content);

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive"), "交易明细_1.csv");

        assertThat(Files.readAllBytes(archived.file())).isEqualTo(content);
    }

    @Test
    void makesTheArchiveCopyReadOnlyForEveryone() throws IOException {
        Path source = Files.writeString(dir.resolve("a.csv"), "a");

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive"), "a.csv");

        assertThat(Files.getPosixFilePermissions(archived.file())).doesNotContain(
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThat(Files.getPosixFilePermissions(source)).contains(PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aFailingCopyLeavesTheSourceInPlaceAndNoArchiveFile() throws IOException {
        byte[] content = "1,XJM2611270001".getBytes();
        Path source = Files.write(dir.resolve("交易明细_1.csv"), content);
        Path folder = dir.resolve("archive");
        // the stored name is taken by a folder, so the copy cannot be put in place
        Files.createDirectories(folder.resolve("交易明细_1.csv").resolve("occupied"));

        assertThatThrownBy(() -> archiver.archive(source, folder, "交易明细_1.csv")).isInstanceOf(IOException.class);

        assertThat(Files.readAllBytes(source)).isEqualTo(content);
        assertThat(folder.resolve("交易明细_1.csv")).isDirectory();
        assertThat(folder.resolve("交易明细_1.csv.copying")).as("no partial copy is left behind").doesNotExist();
    }

    @Test
    void aLaterTryOfTheSameBatchReplacesWhatAFailedTryLeftInItsFolder() throws IOException {
        byte[] content = "1,XJM2611270001,白条猪\r\n".getBytes(Charset.forName("GB18030"));
        Path source = Files.write(dir.resolve("交易明细_1.csv"), content);
        Path folder = Files.createDirectories(dir.resolve("archive/2026/11/28/20261128-0123456789"));
        Files.write(folder.resolve("交易明细_1.csv.copying"), new byte[] {'1'});
        Path earlier = Files.write(folder.resolve("交易明细_1.csv"), new byte[] {'1', ','});
        earlier.toFile().setWritable(false, false);

        Archiver.Archived archived = archiver.archive(source, folder, "交易明细_1.csv");

        assertThat(Files.readAllBytes(archived.file())).isEqualTo(content);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("交易明细_1.csv");
        }
    }

    @Test
    void contentAlreadyArchivedIsLinkedToTheEarlierCopyAndTakesNoNewSpace() throws IOException {
        Path source = Files.write(dir.resolve("abc.csv"), new byte[] {'a', 'b', 'c'});
        Path earlier = archiver.archive(source, dir.resolve("archive/2026/11/27/20261127-0000000001"), "abc.csv").file();

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive/2026/11/28/20261128-0000000002"), "abc.csv",
                (sha, size) -> sha.equals(SHA256_ABC) && size == 3 ? List.of(earlier) : List.of());

        assertThat(archived.sha256()).isEqualTo(SHA256_ABC);
        assertThat(archived.size()).isEqualTo(3);
        assertThat(Files.isSameFile(archived.file(), earlier)).isTrue();
        assertThat(Files.getAttribute(earlier, "unix:nlink")).isEqualTo(2);
        assertThat(archived.file().getParent().resolve("abc.csv.copying")).doesNotExist();
    }

    @Test
    void anEarlierCopyDamagedSinceIsNotLinkedToTheFileIsCopied() throws IOException {
        Path source = Files.write(dir.resolve("abc.csv"), new byte[] {'a', 'b', 'c'});
        Path damaged = Files.write(Files.createDirectories(dir.resolve("archive/2026/11/27/20261127-0000000001")).resolve("abc.csv"),
                new byte[] {'a', 'b', 'x'});

        Archiver.Archived archived = archiver.archive(source, dir.resolve("archive/2026/11/28/20261128-0000000002"), "abc.csv",
                (sha, size) -> List.of(damaged));

        assertThat(Files.isSameFile(archived.file(), damaged)).isFalse();
        assertThat(Files.readAllBytes(archived.file())).containsExactly('a', 'b', 'c');
        assertThat(Files.readAllBytes(damaged)).as("left as it was").containsExactly('a', 'b', 'x');
    }

    @Test
    void aPartialCopyLeftAsALinkToAnotherBatchsOriginalIsNeverWrittenThrough() throws IOException {
        Path other = Files.write(Files.createDirectories(dir.resolve("archive/2026/11/27/20261127-0000000001")).resolve("a.csv"),
                new byte[] {'o', 't', 'h', 'e', 'r'});
        Path folder = Files.createDirectories(dir.resolve("archive/2026/11/28/20261128-0000000002"));
        // a try that stopped between linking and renaming the link into place, and content that then differs
        Files.createLink(folder.resolve("a.csv.copying"), other);
        Path source = Files.write(dir.resolve("a.csv"), new byte[] {'n', 'e', 'w'});

        Archiver.Archived archived = archiver.archive(source, folder, "a.csv");

        assertThat(Files.readAllBytes(archived.file())).containsExactly('n', 'e', 'w');
        assertThat(Files.readAllBytes(other)).as("another batch's original is untouched").containsExactly('o', 't', 'h', 'e', 'r');
    }

    @Test
    void aMissingSourceFailsWithoutCreatingAnArchiveFile() {
        Path folder = dir.resolve("archive");

        assertThatThrownBy(() -> archiver.archive(dir.resolve("gone.csv"), folder, "gone.csv")).isInstanceOf(IOException.class);

        assertThat(folder.resolve("gone.csv")).doesNotExist();
    }
}
