package org.tracehub.routes.pull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * The remote files a source's pull has fetched, in the {@code pull_fetched} table, so that no restart
 * fetches the same file twice. The sftp consumer adds a file's key (name, size, modification time) only
 * once the file was taken in, and removes it again if taking it in failed.
 */
final class FetchedFiles implements IdempotentRepository {

    private static final int MAX_KEY = 1200;

    private final String sourceId;
    private final JdbcClient jdbc;
    private final InsertIfAbsent inserts;
    private final Clock clock;

    FetchedFiles(String sourceId, JdbcClient jdbc, InsertIfAbsent inserts, Clock clock) {
        this.sourceId = sourceId;
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.clock = clock;
    }

    /** False for a key already known (another node fetched the file too), without a failing insert: see {@link InsertIfAbsent}. */
    @Override
    public boolean add(String key) {
        return inserts.insert("INSERT INTO pull_fetched (source_id, key_hash, file_key, fetched_at) VALUES (?, ?, ?, ?)",
                "source_id, key_hash", statement -> statement.params(sourceId, hash(key),
                        key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key, OffsetDateTime.now(clock)));
    }

    @Override
    public boolean contains(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM pull_fetched WHERE source_id = ? AND key_hash = ?").params(sourceId, hash(key))
                .query(Long.class).single() > 0;
    }

    @Override
    public boolean remove(String key) {
        return jdbc.sql("DELETE FROM pull_fetched WHERE source_id = ? AND key_hash = ?").params(sourceId, hash(key)).update() > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.sql("DELETE FROM pull_fetched WHERE source_id = ?").param(sourceId).update();
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
