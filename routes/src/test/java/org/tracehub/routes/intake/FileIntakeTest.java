package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.StatementCounter;

/** Intake's order of things on the disk: a power cut at any moment must leave the file or its batch row. */
class FileIntakeTest {

    private static final String SOURCE = "meat-wholesale-xj";

    @TempDir
    Path dataDir;

    @Test
    void theBatchRowIsForcedToTheDiskWhileTheTakenFileIsStillThere() throws Exception {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:file-intake" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        HubStorage storage = new HubStorage(dataDir.toString());
        IntakeStaging staging = new IntakeStaging(storage, Clock.systemUTC());
        Path inbox = Files.createDirectories(storage.inbox(SOURCE));
        Path file = Files.writeString(inbox.resolve("交易明细_20261128.csv"), "序号,凭证号\n1,XJ0001\n", StandardCharsets.UTF_8);
        TakenFile taken = staging.take(SOURCE, file, file.getFileName().toString(), Transport.SFTP).orElseThrow();
        // at each disk sync: is the taken file still there, and is its batch row committed
        List<String> atEachSync = new CopyOnWriteArrayList<>();
        StatementCounter forcing = new StatementCounter(h2, sql -> {
            if (sql.startsWith("CHECKPOINT")) {
                atEachSync.add("taken file " + (Files.exists(taken.file()) ? "present" : "gone") + ", rows "
                        + jdbc.sql("SELECT COUNT(*) FROM batch WHERE id = ?").param(taken.batchId()).query(Long.class).single());
            }
        });
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(h2), Clock.systemUTC());
        FileIntake intake = new FileIntake(storage, staging, new Archiver(), new IdenticalArchives(jdbc, storage, Clock.systemUTC()),
                batches, SpecCatalog.builtIn(), new DurableCommits(forcing.dataSource()),
                new ArchiveRestore(storage, new Archiver(), new BatchAttempts(jdbc, Clock.systemUTC(), batches)));

        IntakeOutcome outcome = intake.receive(taken);

        assertThat(outcome.status()).isEqualTo(BatchStatus.RECEIVED);
        assertThat(atEachSync).containsExactly("taken file present, rows 1");
        assertThat(taken.file()).as("released once the row is on the disk").doesNotExist();
    }
}
