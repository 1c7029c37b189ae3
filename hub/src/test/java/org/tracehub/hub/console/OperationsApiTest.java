package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jms.core.JmsTemplate;
import org.tracehub.hub.broker.BrokerQueues;

/**
 * The admin's operations on the running hub: an online backup of the embedded database that restores into a database
 * holding the batches, and clearing the broker's dead letters once looked into; both in the audit log.
 */
class OperationsApiTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-ops";

    @Autowired
    ConnectionFactory connectionFactory;

    @TempDir
    Path restored;

    @Test
    void anOnlineBackupOfTheEmbeddedDatabaseRestoresWithItsBatches() throws Exception {
        String batch = ingestSample(SOURCE);

        ResponseEntity<Map<String, Object>> answer = http().post().uri("/api/admin/database-backup").retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        String file = (String) answer.getBody().get("file");
        assertThat(file).matches("backups/tracehub-\\d{8}-\\d{6}(-\\d+)?\\.zip");
        Path zip = DATA_DIR.resolve(file);
        assertThat(((Number) answer.getBody().get("bytes")).longValue()).isEqualTo(Files.size(zip)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip.getParent()))).isEqualTo("rwx------");

        // restored as the runbook says: unzipped into an empty db/ folder, opened as the hub opens it
        unzip(zip, restored);
        assertThat(restored.resolve("tracehub.mv.db")).exists();
        DriverManagerDataSource copy = new DriverManagerDataSource("jdbc:h2:file:" + restored.resolve("tracehub"), "sa", "");
        JdbcClient jdbc = JdbcClient.create(copy);
        assertThat(jdbc.sql("SELECT status FROM batch WHERE id = ?").param(batch).query(String.class).single()).isEqualTo("LOADED");
        jdbc.sql("SHUTDOWN").update();

        assertThat(http().get().uri("/api/audit").retrieve().body(String.class)).contains("\"action\":\"DATABASE_BACKUP\"");
    }

    @Test
    void anSqlBackupHoldsTheStatementsALaterH2RunsIntoAnEmptyDatabase() throws Exception {
        String batch = ingestSample(SOURCE);

        Map<String, Object> answer = http().post().uri("/api/admin/database-backup?format=sql").retrieve()
                .body(new ParameterizedTypeReference<>() { });

        String file = (String) answer.get("file");
        assertThat(file).matches("backups/tracehub-\\d{8}-\\d{6}(-\\d+)?\\.sql\\.gz");
        DriverManagerDataSource empty = new DriverManagerDataSource("jdbc:h2:file:" + restored.resolve("tracehub"), "sa", "");
        JdbcClient jdbc = JdbcClient.create(empty);
        jdbc.sql("RUNSCRIPT FROM '" + DATA_DIR.resolve(file) + "' COMPRESSION GZIP").update();
        assertThat(jdbc.sql("SELECT status FROM batch WHERE id = ?").param(batch).query(String.class).single()).isEqualTo("LOADED");
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void aBackupFormatThatIsNeitherZipNorSqlIsABadRequest() {
        int status = http().post().uri("/api/admin/database-backup?format=tar").exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(400);
    }

    @Test
    void clearingTheDeadLettersRemovesAndListsThem() {
        new JmsTemplate(connectionFactory).convertAndSend(BrokerQueues.DEAD_LETTER_QUEUE, "B-DEAD-0002", message -> {
            message.setStringProperty("_AMQ_ORIG_ADDRESS", "hub.batch.received");
            return message;
        });

        Map<String, Object> cleared = http().post().uri("/api/admin/dead-letters/clear").retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(cleared).containsEntry("removed", 1).containsEntry("messages",
                List.of(Map.of("queue", "DLQ", "originalQueue", "hub.batch.received", "body", "B-DEAD-0002")));
        Map<String, Object> health = http().get().uri("/actuator/health").retrieve().body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> deadLetters = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("deadLetters");
        assertThat(deadLetters).containsEntry("status", "UP");
        assertThat(http().get().uri("/api/audit").retrieve().body(String.class)).contains("\"action\":\"DEAD_LETTERS_CLEARED\"");
    }

    private static void unzip(Path zip, Path into) throws Exception {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
                Files.copy(entries, target);
            }
        }
    }
}
