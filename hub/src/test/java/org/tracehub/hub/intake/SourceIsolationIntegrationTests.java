package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One source ({@code meat-wholesale-xj}, with OpenSSH's sftp) tries to list, read, write, rename and
 * symlink into another source's root ({@code meat-xj-2}) and into the hub's own folders (archive,
 * database, host key): every attempt is refused, and nothing changes on the hub's disk.
 */
class SourceIsolationIntegrationTests extends IntakeIntegrationSupport {

    private static final String OTHER = "meat-xj-2";

    @Test
    void sourceSeesOnlyItsOwnInboxAndOutbox() throws Exception {
        ProcessResult listing = openSshSftp(XJ, "ls -1a /", "ls -1a /..", "ls -1a ../..");

        assertThat(listing.exitCode()).as(listing.output()).isZero();
        // three listings, each of the account's own root: its entries, whatever prefix the client prints
        List<String> names = listing.output().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("sftp>"))
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).filter(n -> !n.equals(".") && !n.equals("..")).sorted().toList();
        assertThat(names).containsExactly("inbox", "inbox", "inbox", "outbox", "outbox", "outbox");
    }

    @Test
    void everyAttemptOnAnotherSourcesRootOrTheHubsFoldersIsRefused() throws Exception {
        Files.createDirectories(outbox(OTHER));
        Files.writeString(outbox(OTHER).resolve("theirs.csv.receipt.csv"), "their receipt");
        Files.createDirectories(inbox(OTHER));
        Path local = clientFile("planted.csv", variant());
        Path stolen = local.resolveSibling("stolen");

        List<String> attempts = List.of(
                // list
                "ls /" + OTHER, "ls ../" + OTHER + "/inbox", "ls /../" + OTHER + "/outbox", "ls /../../archive", "ls ../../db",
                // read
                "get ../" + OTHER + "/outbox/theirs.csv.receipt.csv " + stolen,
                "get /" + OTHER + "/outbox/theirs.csv.receipt.csv " + stolen,
                "get ../../ssh/host-key.pem " + stolen,
                "get " + DATA.resolve("ssh/host-key.pem") + " " + stolen,
                // write
                "put " + local + " ../" + OTHER + "/inbox/planted.csv",
                "put " + local + " /" + OTHER + "/inbox/planted.csv",
                "put " + local + " ../../archive/planted.csv",
                "put " + local + " outbox/forged.receipt.csv",
                "mkdir ../" + OTHER + "/inbox/sub",
                // rename: the part file stays in the own inbox, never reaching the other's
                "rename inbox/mine.csv.part ../" + OTHER + "/inbox/mine.csv",
                "rename inbox/mine.csv.part /" + OTHER + "/inbox/mine.csv",
                "rename outbox inbox/outbox",
                // symlink
                "symlink ../" + OTHER + "/inbox inbox/theirs",
                "symlink /" + OTHER + "/outbox/theirs.csv.receipt.csv inbox/link.csv",
                "symlink ../../ssh/host-key.pem inbox/key");
        ProcessResult part = openSshSftp(XJ, "put " + local + " inbox/mine.csv.part");
        assertThat(part.exitCode()).as(part.output()).isZero();

        for (String attempt : attempts) {
            ProcessResult result = openSshSftp(XJ, attempt);
            assertThat(result.exitCode()).as("%s was not refused: %s", attempt, result.output()).isNotZero();
        }

        assertThat(stolen).doesNotExist();
        assertThat(inbox(OTHER)).isDirectoryNotContaining(p -> !p.getFileName().toString().startsWith("."));
        assertThat(outbox(OTHER).resolve("theirs.csv.receipt.csv")).hasContent("their receipt");
        assertThat(outbox(XJ).resolve("forged.receipt.csv")).doesNotExist();
        assertThat(DATA.resolve("archive/planted.csv")).doesNotExist();
        assertThat(inbox(XJ).resolve("mine.csv.part")).as("still where it was").exists();
        try (Stream<Path> all = Files.walk(DATA.resolve("sftp"))) {
            assertThat(all.filter(p -> Files.isSymbolicLink(p))).as("no links anywhere").isEmpty();
        }
        assertThat(Files.isDirectory(DATA.resolve("sftp").resolve(XJ).resolve("outbox"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        Files.delete(inbox(XJ).resolve("mine.csv.part"));
    }
}
