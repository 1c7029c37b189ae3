package org.tracehub.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * The installation's id, kept twice: in the database ({@code hub_installation}, V38) and in the data directory
 * ({@value #FILE}). A database and a data directory that were started together carry the same id; a database beside
 * the data directory of another installation (a staging database's URL beside the production data dir, or the reverse)
 * is non-empty and has its host key, so no other start check sees it, while every resend came back DUPLICATE and every
 * archive path missed. The id is given once, by the first start with either half missing it: a fresh install, and an
 * installation from before V38 upgrading (the database's id is copied to a data directory without one, and a data
 * directory's to a database without one: a partial restore from a copy older than the upgrade). Only two ids that differ
 * stop the start.
 */
public class InstallationIdentity {

    public static final String FILE = "installation-id";

    private static final Logger log = LoggerFactory.getLogger(InstallationIdentity.class);

    /** The two ids, as found. */
    public record Mismatch(String inDatabase, String inDataDir, Path file) {
    }

    private final JdbcClient jdbc;
    private final InsertIfAbsent inserts;
    private final Path file;
    private final Clock clock;

    public InstallationIdentity(JdbcClient jdbc, InsertIfAbsent inserts, Path dataDir, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.file = dataDir.resolve(FILE);
        this.clock = clock;
    }

    /**
     * Gives each half the other's id where it has none (a new id when neither has one).
     *
     * @return the two ids when they differ (nothing written), otherwise empty
     */
    public Optional<Mismatch> settle() {
        Optional<String> inDir = inDataDir();
        Optional<String> inDb = inDatabase();
        if (inDb.isEmpty()) {
            String id = inDir.orElseGet(() -> UUID.randomUUID().toString());
            // two nodes starting together: one insert wins and both read it
            inserts.insert("INSERT INTO hub_installation (id, installation_id, created_at) VALUES (1, :id, :at)", "id",
                    statement -> statement.param("id", id).param("at", OffsetDateTime.now(clock)));
            inDb = inDatabase();
            inDir.filter(inDb.get()::equals).ifPresent(adopted -> log.info("installation id {} of the data directory recorded in "
                    + "the database (a database from before it kept one)", adopted));
        }
        String id = inDb.orElseThrow();
        if (inDir.isEmpty()) {
            inDir = Optional.of(write(id));
            if (inDir.get().equals(id)) {
                log.info("installation id {} of the database recorded in {}", id, file);
            }
        }
        return inDir.get().equals(id) ? Optional.empty() : Optional.of(new Mismatch(id, inDir.get(), file));
    }

    /** Gives the data directory the database's id, on an admin's word that the two belong together. */
    public void adoptDatabaseId(Mismatch mismatch) {
        try {
            Path next = Files.writeString(file.resolveSibling(FILE + ".next"), mismatch.inDatabase() + "\n", StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private Optional<String> inDatabase() {
        return jdbc.sql("SELECT installation_id FROM hub_installation WHERE id = 1").query(String.class).optional();
    }

    private Optional<String> inDataDir() {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Writes the id unless a node sharing the data directory wrote one a moment before: a whole file appears under the
     * name at once (a link to a file written first), or none.
     *
     * @return the id the file holds
     */
    private String write(String id) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.writeString(written, id + "\n", StandardCharsets.US_ASCII);
                Files.createLink(file, written);
                return id;
            } catch (FileAlreadyExistsException another) {
                return inDataDir().orElse(id);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
