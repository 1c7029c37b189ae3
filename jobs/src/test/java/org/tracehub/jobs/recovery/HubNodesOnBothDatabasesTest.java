package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The nodes' SQL — heartbeats, owners, claims and forgetting — on the embedded default (H2) and on a real PostgreSQL,
 * the database several nodes share: the recovery tests run it on H2 alone.
 */
@Tag("slow")
class HubNodesOnBothDatabasesTest extends BothDatabases {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void heartbeatsOwnersClaimsAndForgettingWorkAsTheRecoveryReadsThem(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        HubNodes nodes = new HubNodes(jdbc, new InsertIfAbsent(ds), ds, "true");
        execution(jdbc, 1, "STARTED");
        execution(jdbc, 2, "COMPLETED");

        assertThat(nodes.beat("a", NOW.minusDays(9))).isFalse();
        assertThat(nodes.beat("a", NOW.minusDays(8))).isTrue();
        assertThat(nodes.beat("b", NOW.minusDays(8))).isFalse();
        assertThat(nodes.beat("c", NOW.minusSeconds(10))).isFalse();
        assertThat(nodes.heartbeats()).containsOnlyKeys("a", "b", "c");
        assertThat(nodes.heartbeats().get("c").toInstant()).isEqualTo(NOW.minusSeconds(10).toInstant());
        assertThat(nodes.otherNodeAlive("a", NOW.minusMinutes(10))).isTrue();
        assertThat(nodes.otherNodeAlive("c", NOW.minusMinutes(10))).isFalse();

        nodes.recordOwner(1, "a");
        nodes.recordOwner(2, "b");
        Optional<HubNodes.Owner> seen = nodes.ownerOf(1);
        assertThat(seen).contains(new HubNodes.Owner("a", 0));
        assertThat(nodes.claim(1, seen, "c")).isTrue();
        assertThat(nodes.claim(1, seen, "b")).isFalse();
        assertThat(nodes.ownerOf(1)).contains(new HubNodes.Owner("c", 1));
        execution(jdbc, 3, "STARTED");
        assertThat(nodes.claim(3, Optional.empty(), "c")).isTrue();
        assertThat(nodes.claim(3, Optional.empty(), "b")).isFalse();
        // taken from its owner only while that owner is silent: c beat 10 s ago, b eight days ago
        assertThat(nodes.claim(3, nodes.ownerOf(3), "b", NOW.minusMinutes(10))).as("c is alive").isFalse();
        jdbc.sql("UPDATE job_execution_node SET node_id = 'b' WHERE job_execution_id = 3").update();
        assertThat(nodes.claim(3, nodes.ownerOf(3), "b", NOW.minusMinutes(10))).as("its own").isTrue();
        assertThat(nodes.claim(3, nodes.ownerOf(3), "c", NOW.minusMinutes(10))).as("b is silent").isTrue();
        assertThat(nodes.ownerOf(3)).contains(new HubNodes.Owner("c", 3));

        // a runs nothing any more and b only a COMPLETED run: both forgotten; c is recent
        jdbc.sql("UPDATE job_execution_node SET node_id = 'a' WHERE job_execution_id = 3").update();
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED' WHERE JOB_EXECUTION_ID = 3").update();
        execution(jdbc, 4, "STARTED");
        nodes.recordOwner(4, "b");
        assertThat(nodes.forgetLongSilent(NOW.minusDays(7))).isEqualTo(1);
        assertThat(nodes.heartbeats()).containsOnlyKeys("b", "c");
        nodes.forgetSilent("c", NOW.minusMinutes(10));
        assertThat(nodes.heartbeats()).as("c beat since").containsKey("c");
        nodes.forgetSilent("b", NOW.minusMinutes(10));
        assertThat(nodes.heartbeats()).containsOnlyKeys("c");

        // an execution purged takes its owner with it
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = 2").update();
        assertThat(nodes.ownerOf(2)).isEmpty();
    }

    /** The claim of a batch left CONVERTING without any job (V25): one of two nodes that read the same claim wins. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStartClaimOnABatchWithoutAJobIsWonByOneNodeAndCountsForItsAttemptOnly(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        Clock clock = Clock.fixed(NOW.toInstant(), ZoneId.of("Asia/Shanghai"));
        BatchAttempts attempts = new BatchAttempts(jdbc, clock, new BatchRepository(jdbc, new InsertIfAbsent(ds), clock));
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, transport, received_at, "
                        + "status, attempt, updated_at) VALUES ('b1', 's', 'f.csv', 'f.csv', 'archive/f.csv', 1, ?, 'SFTP', ?, 'CONVERTING', 1, ?)")
                .params("0".repeat(64), NOW, NOW).update();

        assertThat(attempts.startClaim("b1", 1)).isEmpty();
        assertThat(attempts.claimStartWithoutJob("b1", 1, Optional.empty(), "a")).isTrue();
        assertThat(attempts.claimStartWithoutJob("b1", 1, Optional.empty(), "b")).as("read before a's claim").isFalse();
        assertThat(attempts.startClaim("b1", 1)).contains(new BatchAttempts.StartClaim("a", NOW));
        // a is found silent by b and c at once: one takes it
        assertThat(attempts.claimStartWithoutJob("b1", 1, Optional.of("a"), "b")).isTrue();
        assertThat(attempts.claimStartWithoutJob("b1", 1, Optional.of("a"), "c")).isFalse();
        assertThat(attempts.startClaim("b1", 1).map(BatchAttempts.StartClaim::node)).contains("b");

        // a new attempt is unclaimed; a batch no longer CONVERTING is not claimed
        jdbc.sql("UPDATE batch SET attempt = 2 WHERE id = 'b1'").update();
        assertThat(attempts.startClaim("b1", 2)).isEmpty();
        assertThat(attempts.claimStartWithoutJob("b1", 1, Optional.of("b"), "b")).as("attempt 1 is gone").isFalse();
        assertThat(attempts.claimStartWithoutJob("b1", 2, Optional.empty(), "c")).isTrue();
        jdbc.sql("UPDATE batch SET status = 'LOADED' WHERE id = 'b1'").update();
        assertThat(attempts.claimStartWithoutJob("b1", 2, Optional.of("c"), "c")).isFalse();
    }

    private static void execution(JdbcClient jdbc, long id, String status) {
        jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0, 'importJob', ?)")
                .params(id, "key" + id).update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS) "
                        + "VALUES (?, 0, ?, CURRENT_TIMESTAMP, ?)")
                .params(id, id, status).update();
    }
}
