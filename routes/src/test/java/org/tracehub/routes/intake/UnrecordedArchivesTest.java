package org.tracehub.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.receipt.ReceiptedSources;

/**
 * A database restored from a copy older than the data dir: the archive holds originals of batches received after the
 * copy, which no row names. They are listed from the newest batch's day on, each with the source whose outbox holds a
 * receipt naming it, and told at start-up.
 */
class UnrecordedArchivesTest {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final String OTHER_SOURCE = "meat-wholesale-copy";

    @TempDir
    Path dataDir;

    private HubStorage storage;
    private UnrecordedArchives unrecorded;

    @BeforeEach
    void restoredDatabaseOneDayBehind() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:unrecorded" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        storage = new HubStorage(dataDir.toString());
        new BatchRepository(jdbc, new InsertIfAbsent(h2), Clock.systemUTC()).insertReceived(new NewBatch("20261128-00000000a1",
                SOURCE, "交易明细_20261128.csv", "交易明细_20261128.csv", "archive/2026/11/28/20261128-00000000a1/交易明细_20261128.csv",
                3, "aa".repeat(32), Transport.SFTP, OffsetDateTime.parse("2026-11-28T00:30+08:00")));
        unrecorded = new UnrecordedArchives(storage, jdbc, new ReceiptedSources(storage));
    }

    @Test
    void archivedOriginalsWithoutABatchRowAreListedWithTheSourceWhoseReceiptNamesThem() throws IOException {
        archived("2026/11/28/20261128-00000000a1", "交易明细_20261128.csv");           // recorded
        Path answered = archived("2026/11/29/20261129-00000000b2", "交易明细_20261129.csv");
        Path keptUnderItsId = archived("2026/11/29/20261129-00000000c3", "交易明细_20261129.csv");
        Path unanswered = archived("2026/11/30/20261130-00000000d4", "交易明细_20261130.csv");
        archived("2026/11/27/20261127-00000000e5", "交易明细_20261127.csv");           // before the newest batch's day
        archived("2026/11/30/20261130-00000000f6", "交易明细_20261130_b.csv");         // being taken in right now
        Files.createDirectories(storage.inbox(SOURCE).resolve(IntakeStaging.TAKEN_FOLDER).resolve("20261130-00000000f6"));
        // the newest batch of the name holds the plain receipt name; an older one's receipt is kept under its id
        receipt(SOURCE, "交易明细_20261129.csv.receipt.xml", "20261129-00000000b2");
        receipt(OTHER_SOURCE, "交易明细_20261129.csv.20261129-00000000c3.receipt.xml", "20261129-00000000c3");
        receipt(OTHER_SOURCE, "交易明细_20261128.csv.receipt.xml", "20261128-00000000a1");

        assertThat(unrecorded.find()).containsExactly(
                new UnrecordedArchives.Unrecorded("20261129-00000000b2", answered, List.of("交易明细_20261129.csv"),
                        Optional.of(SOURCE)),
                new UnrecordedArchives.Unrecorded("20261129-00000000c3", keptUnderItsId, List.of("交易明细_20261129.csv"),
                        Optional.of(OTHER_SOURCE)),
                new UnrecordedArchives.Unrecorded("20261130-00000000d4", unanswered, List.of("交易明细_20261130.csv"),
                        Optional.empty()));

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(UnrecordedArchives.class);
        logger.addAppender(log);
        try {
            unrecorded.reportAtStartUp();
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("3 archived original(s) have no batch row",
                    answered + " [交易明细_20261129.csv] of source " + SOURCE, "Send each again as its source", "POST /api/sources/<source>/files",
                    unanswered + " [交易明细_20261130.csv] of source unknown");
        });
    }

    @Test
    void anArchiveWhoseEveryFolderHasItsRowIsNotReported() throws IOException {
        archived("2026/11/28/20261128-00000000a1", "交易明细_20261128.csv");

        assertThat(unrecorded.find()).isEmpty();
    }

    private Path archived(String folder, String name) throws IOException {
        Path path = Files.createDirectories(dataDir.resolve("archive").resolve(folder));
        Files.writeString(path.resolve(name), "序号,凭证号\n");
        return path;
    }

    private void receipt(String source, String name, String batchId) throws IOException {
        Path outbox = Files.createDirectories(storage.outbox(source));
        Files.writeString(outbox.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<receipt><batchId>" + batchId
                + "</batchId><status>RECEIVED</status></receipt>\n");
    }
}
