package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.BothDatabases;

/**
 * On a real PostgreSQL with a pool as the hub's (Hikari, a few seconds' wait for a connection), a burst of receipt
 * deliveries larger than the pool all deliver: each holds one connection, its name's lock taken in the transaction that
 * reads the batch and records the delivery. With the lock on a session of its own, every connection of the pool held a
 * lock and waited for a second connection, and those deliveries failed after the pool's wait.
 */
class ReceiptDeliveryBurstOnPostgresTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String SOURCE = "meat-wholesale-xj";
    private static final int POOL = 3;
    private static final int BURST = POOL + 3;

    @TempDir
    Path dataDir;

    @Test
    void aBurstOfDeliveriesLargerThanThePoolAllDeliverEachOnOneConnection() throws Exception {
        DriverManagerDataSource server = (DriverManagerDataSource) postgres();
        migrate("postgresql", server);
        ExecutorService senders = Executors.newFixedThreadPool(BURST);
        try (HikariDataSource pool = pool(server)) {
            JdbcClient jdbc = JdbcClient.create(pool);
            BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(pool), CLOCK);
            HubStorage storage = new HubStorage(dataDir.toString());
            ReceiptDelivery delivery = new ReceiptDelivery(batches, new BatchErrorRepository(new JdbcTemplate(pool)),
                    new BatchAttempts(jdbc, CLOCK, batches), SpecCatalog.builtIn(), storage, CLOCK, new AdvisoryLocks(pool),
                    Duration.ofMinutes(10), Duration.ofDays(7));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String id = "20261128-0000000" + (100 + i);
                String name = "交易明细_20261128_" + i + ".csv";
                batches.insertTerminal(new NewBatch(id, SOURCE, name, name, "archive/2026/11/28/" + id + "/" + name, 0,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Transport.SFTP, OffsetDateTime.now(CLOCK)),
                        BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
                ids.add(id);
            }

            List<CompletableFuture<Path>> deliveries = new ArrayList<>();
            // another node delivering receipts of these names holds their locks, so that the burst fills the pool at once
            try (Connection otherNode = server.getConnection(); Statement sql = otherNode.createStatement()) {
                for (int i = 0; i < BURST; i++) {
                    sql.execute("SELECT pg_advisory_lock(" + ReceiptDelivery.nameLockKey(SOURCE, "交易明细_20261128_" + i + ".csv") + ")");
                }
                for (String id : ids) {
                    deliveries.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return delivery.deliver(id);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, senders));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(server) >= POOL);
            }

            CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (String id : ids) {
                assertThat(jdbc.sql("SELECT receipt_status FROM batch WHERE id = ?").param(id).query(String.class).single())
                        .as("receipt of %s", id).isEqualTo("EMPTY");
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** The hub's pool, smaller: a connection waited for longer than the burst takes is a connection the burst never gets. */
    private static HikariDataSource pool(DriverManagerDataSource server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getUrl());
        config.setUsername(server.getUsername());
        config.setPassword("");
        config.setMaximumPoolSize(POOL);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static int waitingForALock(DriverManagerDataSource server) {
        return JdbcClient.create(server).sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .query(Integer.class).single();
    }
}
