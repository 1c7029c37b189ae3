package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.platform.batch.Transport;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.LoggedEvents;
import org.tracehub.platform.testing.MutableClock;
import org.tracehub.routes.testing.HalfTakenFolders;

class IntakeStagingTest {

    private static final String SOURCE = "meat-wholesale-xj";

    @TempDir
    Path dataDir;

    @Test
    void aSweepWhileAnUploadIsStillStreamingLeavesTheUploadAlone() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        CountDownLatch rest = new CountDownLatch(1);
        InputStream slowSender = new SequenceInputStream(new ByteArrayInputStream(bytes("序号,凭证号\n")),
                new HeldBack(rest, bytes("1,XJ0001\n")));
        CompletableFuture<TakenFile> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return staging.stage(SOURCE, "交易明细.csv", Transport.HTTP, slowSender);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path uploading = await().atMost(Duration.ofSeconds(10)).until(() -> uploadingFile(staging), p -> p != null);

        assertThat(staging.pending()).as("a folder still being filled is not waiting for intake").isEmpty();
        assertThat(uploading).as("the sweep leaves the partial upload in place").exists();

        rest.countDown();
        TakenFile taken = upload.get(10, TimeUnit.SECONDS);
        assertThat(Files.readString(taken.file(), StandardCharsets.UTF_8)).isEqualTo("序号,凭证号\n1,XJ0001\n");
        assertThat(staging.isClaimed(taken.batchId())).as("claimed only while the file was arriving").isFalse();
        assertThat(staging.pending()).extracting(TakenFile::batchId).containsExactly(taken.batchId());
    }

    @Test
    void aFolderLeftWithoutItsFileBeforeARestartIsRemovedBySweep() throws Exception {
        IntakeStaging beforeRestart = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            try {
                beforeRestart.stage(SOURCE, "交易明细.csv", Transport.HTTP, new HeldBack(never, bytes("x")));
            } catch (IOException | RuntimeException abandoned) {
                // the node "stopped" in the middle of the upload
            }
        });
        Path uploading = await().atMost(Duration.ofSeconds(10)).until(() -> uploadingFile(beforeRestart), p -> p != null);

        IntakeStaging afterRestart = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        assertThat(afterRestart.pending()).isEmpty();
        assertThat(uploading.getParent()).as("no exchange of this node works on it: removed").doesNotExist();
        never.countDown();
    }

    @Test
    void anotherNodesSweepLeavesAnUploadThatNodeIsStillStreamingAlone() throws Exception {
        // two nodes sharing the data dir: each has claims of its own only
        IntakeStaging nodeA = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        IntakeSweep sweepOfNodeB = new IntakeSweep(new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC()),
                Duration.ofMillis(300), Duration.ofMinutes(5));
        CountDownLatch rest = new CountDownLatch(1);
        CompletableFuture<TakenFile> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return nodeA.stage(SOURCE, "交易明细.csv", Transport.HTTP, new SequenceInputStream(
                        new ByteArrayInputStream(bytes("序号,凭证号\n")), new HeldBack(rest, bytes("1,XJ0001\n"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path uploading = await().atMost(Duration.ofSeconds(10)).until(() -> uploadingFile(nodeA), p -> p != null);

        assertThat(sweepOfNodeB.waiting()).isEmpty();
        assertThat(uploading).as("node B's sweep leaves node A's upload in place").exists();

        rest.countDown();
        TakenFile taken = upload.get(10, TimeUnit.SECONDS);
        assertThat(Files.readString(taken.file(), StandardCharsets.UTF_8)).isEqualTo("序号,凭证号\n1,XJ0001\n");
    }

    @Test
    void aSweepLeavesAFolderHalfWayThroughATakeUntilItHasBeenLeftForTheGracePeriod() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        IntakeSweep sweep = new IntakeSweep(staging, Duration.ofMillis(300), Duration.ofMinutes(5));
        Path inboxFile = Files.writeString(Files.createDirectories(new HubStorage(dataDir.toString()).inbox(SOURCE))
                .resolve("交易明细.csv"), "a,b\n1,2\n");
        // as a drop-box take on another node leaves it between writing the note and moving the file in
        Path folder = HalfTakenFolders.halfTaken(staging, SOURCE, "20261128-00000000aa", inboxFile);

        assertThat(sweep.waiting()).as("another node's take may be moving the file in right now").isEmpty();
        assertThat(inboxFile).as("left for that take to move").hasContent("a,b\n1,2\n");
        assertThat(folder.resolve(".meta.properties")).exists();

        // that node stopped there: ten minutes later the folder is recovered, as a node's own leftover is
        leftUnchangedSince(folder, Instant.now().minus(Duration.ofMinutes(10)));
        List<TakenFile> waiting = sweep.waiting();
        assertThat(waiting).extracting(TakenFile::batchId).containsExactly("20261128-00000000aa");
        assertThat(waiting.get(0).file()).hasContent("a,b\n1,2\n");
        assertThat(inboxFile).doesNotExist();
    }

    @Test
    void aHalfTakenFolderWhoseNameTheSenderSentAgainAndWasCutOffIsRemovedAndTheInboxFileLeftAsItIs() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        Path inboxFile = Files.writeString(Files.createDirectories(new HubStorage(dataDir.toString()).inbox(SOURCE))
                .resolve("交易明细.csv"), "a,b\n1,2\n3,4\n");
        Path folder = HalfTakenFolders.halfTaken(staging, SOURCE, "20261128-00000000ab", inboxFile);
        // after the crash the sender sends the name again, and that upload is cut off too
        Files.writeString(inboxFile, "a,b\n1,");
        Files.setLastModifiedTime(inboxFile, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(staging.pending()).as("not the earlier batch's file").isEmpty();
        assertThat(folder).as("the half-taken folder goes, as one without its file does").doesNotExist();
        assertThat(inboxFile).as("the sender's file is untouched").hasContent("a,b\n1,");

        // the re-upload's own close takes it in, as a batch of its own
        TakenFile resent = staging.take(SOURCE, inboxFile, "交易明细.csv", Transport.SFTP).orElseThrow();
        assertThat(resent.batchId()).isNotEqualTo("20261128-00000000ab");
        assertThat(resent.file()).hasContent("a,b\n1,");
    }

    @Test
    void aHalfTakenFolderWhoseInboxFileIsADifferentFileOfTheSameSizeIsRemovedAndTheFileLeft() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        Path inboxFile = Files.writeString(Files.createDirectories(new HubStorage(dataDir.toString()).inbox(SOURCE))
                .resolve("交易明细.csv"), "a,b\n1,2\n");
        Files.setLastModifiedTime(inboxFile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path folder = HalfTakenFolders.halfTaken(staging, SOURCE, "20261128-00000000ac", inboxFile);
        Files.writeString(inboxFile, "a,b\n5,6\n");

        assertThat(staging.pending()).isEmpty();
        assertThat(folder).doesNotExist();
        assertThat(inboxFile).hasContent("a,b\n5,6\n");
    }

    @Test
    void aHalfTakenFolderWhoseInboxFileIsStillTheFileBeingTakenIsFinishedUnderItsBatchId() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        Path inboxFile = Files.writeString(Files.createDirectories(new HubStorage(dataDir.toString()).inbox(SOURCE))
                .resolve("交易明细.csv"), "a,b\n1,2\n3,4\n");
        HalfTakenFolders.halfTaken(staging, SOURCE, "20261128-00000000ad", inboxFile);

        List<TakenFile> waiting = staging.pending();
        assertThat(waiting).extracting(TakenFile::batchId).containsExactly("20261128-00000000ad");
        assertThat(waiting.get(0).file()).hasContent("a,b\n1,2\n3,4\n");
        assertThat(inboxFile).doesNotExist();
    }

    @Test
    void aHalfTakenFolderOfTheEarlierVersionIsFinishedOnlyWithAnInboxFileUnchangedSinceItsNote() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        Path inbox = Files.createDirectories(new HubStorage(dataDir.toString()).inbox(SOURCE));
        Path unchanged = Files.writeString(inbox.resolve("交易明细_1.csv"), "a,b\n1,2\n");
        Files.setLastModifiedTime(unchanged, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        HalfTakenFolders.halfTakenByAnEarlierVersion(staging, SOURCE, "20261128-00000000ae", unchanged);
        Path resent = Files.writeString(inbox.resolve("交易明细_2.csv"), "a,b\n3,");
        Path folderOfResent = HalfTakenFolders.halfTakenByAnEarlierVersion(staging, SOURCE, "20261128-00000000af", resent);
        Files.setLastModifiedTime(folderOfResent.resolve(".meta.properties"), FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));

        assertThat(staging.pending()).extracting(TakenFile::batchId).containsExactly("20261128-00000000ae");
        assertThat(unchanged).doesNotExist();
        assertThat(folderOfResent).as("its inbox file changed after the note was written").doesNotExist();
        assertThat(resent).hasContent("a,b\n3,");
    }

    @Test
    void aTakenFileStampedInTheFutureBySendersClockIsSweptOnceItsFolderHasBeenLeftForTheGracePeriod() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        IntakeSweep sweep = new IntakeSweep(staging, Duration.ofMillis(300), Duration.ofMinutes(5));
        TakenFile taken = staging.stage(SOURCE, "交易明细.csv", Transport.SFTP, new ByteArrayInputStream(bytes("a,b\n1,2\n")));
        leftUnchangedSince(taken.folder(), Instant.now().minus(Duration.ofMinutes(10)));
        // sftp put -p keeps the sender's time on the file: a clock a year ahead
        Files.setLastModifiedTime(taken.file(), FileTime.from(Instant.now().plus(Duration.ofDays(365))));
        Files.setLastModifiedTime(taken.folder(), FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));

        assertThat(sweep.waiting()).extracting(TakenFile::batchId).containsExactly(taken.batchId());
    }

    @Test
    void aFileWhoseFolderNoteAPowerCutEmptiedIsStillTakenInUnderItsBatchIdAndHoldsBackNoOtherFile() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        TakenFile damaged = staging.stage(SOURCE, "交易明细_1.csv", Transport.SFTP, new ByteArrayInputStream(bytes("a,b\n1,2\n")));
        TakenFile other = staging.stage(SOURCE, "交易明细_2.csv", Transport.SFTP, new ByteArrayInputStream(bytes("a,b\n3,4\n")));
        // the note's name survived the power cut, its bytes did not
        Files.write(damaged.folder().resolve(".meta.properties"), new byte[0]);

        // in any order: pending() sorts by batch id, whose part after the date is random
        assertThat(staging.pending()).extracting(TakenFile::batchId).containsExactlyInAnyOrder(damaged.batchId(), other.batchId());
        TakenFile rebuilt = staging.find(SOURCE, damaged.batchId()).orElseThrow();
        assertThat(rebuilt.originalName()).isEqualTo("交易明细_1.csv");
        assertThat(Files.readString(rebuilt.file(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void aFileRebuiltFromADamagedNoteKeepsTheTransportItCameBy() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        TakenFile uploaded = staging.stage(SOURCE, "交易明细_http.csv", Transport.HTTP, new ByteArrayInputStream(bytes("a\n")));
        Path download = Files.writeString(Files.createDirectories(dataDir.resolve("pull").resolve(SOURCE).resolve("work"))
                .resolve("交易明细_pull.csv"), "b\n");
        TakenFile pulled = staging.take(SOURCE, download, "交易明细_pull.csv", Transport.PULL).orElseThrow();
        for (TakenFile taken : new TakenFile[] {uploaded, pulled}) {
            Files.write(taken.folder().resolve(".meta.properties"), new byte[0]);
        }

        assertThat(staging.find(SOURCE, uploaded.batchId())).get().extracting(TakenFile::transport).isEqualTo(Transport.HTTP);
        assertThat(staging.find(SOURCE, pulled.batchId())).get().extracting(TakenFile::transport).isEqualTo(Transport.PULL);

        staging.release(staging.find(SOURCE, pulled.batchId()).orElseThrow());
        assertThat(pulled.folder()).as("released with its mark").doesNotExist();
    }

    @Test
    void aFileRebuiltFromADamagedNoteIsReceivedWhenItWasTakenNotWhenTheSendersCopyWasLastModified() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        // WinSCP keeps the original's modification time by default: the export was written five days ago
        Path upload = Files.writeString(Files.createDirectories(dataDir.resolve("inbox-" + SOURCE)).resolve("交易明细_old.csv"), "a\n");
        Files.setLastModifiedTime(upload, FileTime.from(Instant.now().minus(Duration.ofDays(5))));
        Instant before = Instant.now();
        TakenFile taken = staging.take(SOURCE, upload, "交易明细_old.csv", Transport.SFTP).orElseThrow();
        Files.write(taken.folder().resolve(".meta.properties"), new byte[0]);

        OffsetDateTime receivedAt = staging.find(SOURCE, taken.batchId()).orElseThrow().receivedAt();

        // the file system's clock ticks coarsely: a status-change time may lie a little before the instant read before it
        assertThat(receivedAt.toInstant()).isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void aFolderWithADamagedNoteAndNoFileIsRemovedAndAnUnreadableOneHoldsBackNoOtherFile() throws Exception {
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), Clock.systemUTC());
        TakenFile empty = staging.stage(SOURCE, "交易明细_1.csv", Transport.SFTP, new ByteArrayInputStream(bytes("a\n")));
        TakenFile twoFiles = staging.stage(SOURCE, "交易明细_2.csv", Transport.SFTP, new ByteArrayInputStream(bytes("b\n")));
        TakenFile other = staging.stage(SOURCE, "交易明细_3.csv", Transport.SFTP, new ByteArrayInputStream(bytes("c\n")));
        Files.write(empty.folder().resolve(".meta.properties"), new byte[0]);
        Files.delete(empty.file());
        Files.write(twoFiles.folder().resolve(".meta.properties"), new byte[0]);
        Files.writeString(twoFiles.folder().resolve("另一个.csv"), "?");

        assertThat(staging.pending()).extracting(TakenFile::batchId).containsExactly(other.batchId());
        assertThat(empty.folder()).as("nothing of the sender's in it").doesNotExist();
        assertThat(twoFiles.file()).as("which file is the upload is not known: left for an administrator").exists();
    }

    @Test
    void aFolderLeftForAnAdministratorIsLoggedAtErrorWhenFirstFoundAndThenOnceADayNotAtEverySweep() throws Exception {
        MutableClock clock = new MutableClock();
        IntakeStaging staging = new IntakeStaging(new HubStorage(dataDir.toString()), clock);
        TakenFile twoFiles = staging.stage(SOURCE, "交易明细_2.csv", Transport.SFTP, new ByteArrayInputStream(bytes("b\n")));
        Files.write(twoFiles.folder().resolve(".meta.properties"), new byte[0]);
        Files.writeString(twoFiles.folder().resolve("另一个.csv"), "?");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(IntakeStaging.class);
        logger.addAppender(log);
        try {
            for (int sweep = 0; sweep < 12; sweep++) { // an hour of sweeps, five minutes apart
                assertThat(staging.pending()).isEmpty();
                clock.advance(Duration.ofMinutes(5));
            }
            assertThat(errorsAbout(log, twoFiles.folder())).as("said once, not at every sweep").hasSize(1);

            clock.advance(Duration.ofDays(1));
            staging.pending();
            staging.pending();
            assertThat(errorsAbout(log, twoFiles.folder())).as("and reminded once a day while it is there").hasSize(2);
            assertThat(twoFiles.file()).as("still left for an administrator").exists();

            // the administrator took it away; the same folder found again later is a new problem, said at once
            Path kept = Files.move(twoFiles.folder(), dataDir.resolve("kept-aside"));
            staging.pending();
            Files.move(kept, twoFiles.folder());
            staging.pending();
            assertThat(errorsAbout(log, twoFiles.folder())).hasSize(3);
        } finally {
            logger.detachAppender(log);
        }
    }

    private static List<ILoggingEvent> errorsAbout(ListAppender<ILoggingEvent> log, Path folder) {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == Level.ERROR)
                .filter(e -> e.getFormattedMessage().contains(folder.toString())).toList();
    }

    private static void leftUnchangedSince(Path folder, Instant time) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                Files.setLastModifiedTime(entry, FileTime.from(time));
            }
        }
        Files.setLastModifiedTime(folder, FileTime.from(time));
    }

    private static Path uploadingFile(IntakeStaging staging) throws IOException {
        Path root = staging.takenRoot(SOURCE);
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var folders = Files.list(root)) {
            return folders.map(f -> f.resolve(".uploading")).filter(Files::exists).findFirst().orElse(null);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The rest of a sender's bytes, sent only once the test lets them go: an upload on a slow line. */
    private static final class HeldBack extends InputStream {

        private final CountDownLatch go;
        private final InputStream rest;

        HeldBack(CountDownLatch go, byte[] rest) {
            this.go = go;
            this.rest = new ByteArrayInputStream(rest);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the sender's line went quiet");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return rest.read(b, off, len);
        }
    }
}
