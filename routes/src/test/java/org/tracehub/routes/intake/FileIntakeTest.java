package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.DurableCommits;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.BelowDiskFloorException;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.StatementCounter;

/** Intake's order of things on the disk: a power cut at any moment must leave the file or its batch row. */
class FileIntakeTest {

    private static final String SOURCE = "meat-wholesale-xj";

    @TempDir
    Path dataDir;

    private DataSource h2;
    private JdbcClient jdbc;
    private HubStorage storage;
    private IntakeStaging staging;
    /** A file the drop-box took from the sender's inbox. */
    private TakenFile taken;

    @BeforeEach
    void takeAFile() throws Exception {
        h2 = new DriverManagerDataSource("jdbc:h2:mem:file-intake" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(h2);
        storage = new HubStorage(dataDir.toString());
        staging = new IntakeStaging(storage, Clock.systemUTC());
        Path inbox = Files.createDirectories(storage.inbox(SOURCE));
        Path file = Files.writeString(inbox.resolve("交易明细_20261128.csv"), "序号,凭证号\n1,XJ0001\n", StandardCharsets.UTF_8);
        taken = staging.take(SOURCE, file, file.getFileName().toString(), Transport.SFTP).orElseThrow();
    }

    private FileIntake intake(DataSource commits, DiskFloor floor) {
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(h2), Clock.systemUTC());
        return new FileIntake(storage, staging, new Archiver(), new IdenticalArchives(jdbc, storage, Clock.systemUTC()),
                batches, SpecCatalog.builtIn(), new DurableCommits(commits), floor,
                new ArchiveRestore(storage, new Archiver(), new BatchAttempts(jdbc, Clock.systemUTC(), batches), floor));
    }

    @Test
    void theBatchRowIsForcedToTheDiskWhileTheTakenFileIsStillThere() throws Exception {
        // at each disk sync: is the taken file still there, and is its batch row committed
        List<String> atEachSync = new CopyOnWriteArrayList<>();
        StatementCounter forcing = new StatementCounter(h2, sql -> {
            if (sql.startsWith("CHECKPOINT")) {
                atEachSync.add("taken file " + (Files.exists(taken.file()) ? "present" : "gone") + ", rows "
                        + jdbc.sql("SELECT COUNT(*) FROM batch WHERE id = ?").param(taken.batchId()).query(Long.class).single());
            }
        });

        IntakeOutcome outcome = intake(forcing.dataSource(), DiskFloor.NONE).receive(taken);

        assertThat(outcome.status()).isEqualTo(BatchStatus.RECEIVED);
        assertThat(atEachSync).containsExactly("taken file present, rows 1");
        assertThat(taken.file()).as("released once the row is on the disk").doesNotExist();
    }

    @Test
    void aFileReceivedWhileTheDiskIsBelowItsFloorStaysTakenWithNothingArchivedAndIsTakenInOnceSpaceIsBack() throws Exception {
        // the disk's free space as the floor sees it: 10 bytes above the floor, fewer than the file's copy needs
        long floor = 1024L * 1024 * 1024;
        AtomicLong free = new AtomicLong(floor + 10);
        FileIntake intake = intake(h2, new DiskFloor(floor, free::get, dataDir));

        assertThatThrownBy(() -> intake.receive(taken)).isInstanceOf(BelowDiskFloorException.class)
                .hasMessageContaining("the archive copy of 交易明细_20261128.csv").hasMessageContaining("hub.intake.min-disk-free");
        assertThat(taken.file()).as("the received file stays where it is").exists();
        assertThat(staging.pending()).extracting(TakenFile::batchId).as("for the intake sweep")
                .containsExactly(taken.batchId());
        try (Stream<Path> archive = Files.walk(dataDir)) {
            assertThat(archive.filter(Files::isRegularFile).filter(p -> p.startsWith(storage.dataDir().resolve("archive"))).toList())
                    .as("no copy begun").isEmpty();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch").query(Long.class).single()).isZero();

        free.set(Long.MAX_VALUE);
        IntakeOutcome outcome = intake.receive(staging.find(SOURCE, taken.batchId()).orElseThrow());

        assertThat(outcome.status()).isEqualTo(BatchStatus.RECEIVED);
        assertThat(outcome.batchId()).isEqualTo(taken.batchId());
        assertThat(taken.file()).doesNotExist();
    }

    @Test
    void aTakenFileARestoreBroughtBackIsNotCopiedToTheArchiveBelowTheDiskFloorAndStaysTakenUntilSpaceIsBack() throws Exception {
        long floor = 1024L * 1024 * 1024;
        AtomicLong free = new AtomicLong(Long.MAX_VALUE);
        FileIntake intake = intake(h2, new DiskFloor(floor, free::get, dataDir));
        byte[] content = Files.readAllBytes(taken.file());
        // last night's copy of the data dir: the file still taken, not archived yet
        Path backup = Files.createDirectories(dataDir.resolve("backup-of-taken"));
        try (Stream<Path> files = Files.list(taken.folder())) {
            for (Path file : files.toList()) {
                Files.copy(file, backup.resolve(file.getFileName()));
            }
        }
        assertThat(intake.receive(taken).status()).isEqualTo(BatchStatus.RECEIVED);
        Path archived = storage.resolve(jdbc.sql("SELECT archive_path FROM batch WHERE id = ?").param(taken.batchId())
                .query(String.class).single());
        // the data dir restored from that copy while the database is current
        Files.delete(archived);
        Files.createDirectories(taken.folder().getParent());
        Files.move(backup, taken.folder());

        free.set(floor + 10);
        assertThatThrownBy(() -> intake.receive(staging.find(SOURCE, taken.batchId()).orElseThrow()))
                .isInstanceOf(BelowDiskFloorException.class).hasMessageContaining("hub.intake.min-disk-free");
        assertThat(archived).as("no copy begun").doesNotExist();
        assertThat(taken.file()).as("the last copy of the original stays taken").exists();
        assertThat(staging.pending()).extracting(TakenFile::batchId).as("for the intake sweep").containsExactly(taken.batchId());

        free.set(Long.MAX_VALUE);
        intake.receive(staging.find(SOURCE, taken.batchId()).orElseThrow());

        assertThat(archived).hasBinaryContent(content);
        assertThat(taken.file()).doesNotExist();
    }
}
