package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * Processes starting as nodes of one shared database, on H2 and on a real PostgreSQL: each process is its own
 * {@link HubNode} (a token of its own), with a real start check and heartbeat on the database, as two JVMs would run them.
 */
@Tag("slow")
class NodeStartCheckOnBothDatabasesTest extends BothDatabases {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Duration INTERVAL = Duration.ofMillis(400);
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(10);
    private final Clock clock = Clock.systemUTC();

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSecondProcessUnderALiveNodesIdIsRefusedAndARestartAfterACrashStarts(String vendor, DataSource ds) {
        HubNodes nodes = nodes(ds, migrate(vendor, ds));
        HubNode first = new HubNode("node-1", ".", UTC);
        check(nodes, first, INTERVAL).start();
        NodeHeartbeat firstBeats = new NodeHeartbeat(nodes, first, clock, INTERVAL);
        firstBeats.start();
        try {
            HubNode second = new HubNode("node-1", ".", UTC);
            assertThatThrownBy(() -> check(nodes, second, INTERVAL).start())
                    .isInstanceOf(NodeStartRefusedException.class)
                    .hasMessageContaining(NodeStartRefusedException.NODE_ID_IN_USE)
                    .hasMessageContaining("正由另一个进程")
                    .hasMessageContaining("hub.jobs.recovery.node-id")
                    .hasMessageContaining("pid " + first.process().pid());
            assertThat(nodes.row("node-1").orElseThrow().token()).as("still the first's").isEqualTo(first.process().token());
        } finally {
            firstBeats.stop();
        }

        // the first process crashed: its row is fresh but beats no more; a restart takes it after watching one interval
        HubNode restarted = new HubNode("node-1", ".", UTC);
        long started = System.nanoTime();
        check(nodes, restarted, INTERVAL).start();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(INTERVAL.multipliedBy(4));
        assertThat(nodes.row("node-1").orElseThrow().token()).isEqualTo(restarted.process().token());
        assertThat(nodes.beat(restarted, OffsetDateTime.now(clock))).isEqualTo(HubNodes.Beat.BEAT);
        // should the first process come back after all, its beat says that another process took the row
        assertThat(nodes.beat(first, OffsetDateTime.now(clock))).isEqualTo(HubNodes.Beat.ROW_OF_ANOTHER_PROCESS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStaleRowOrOneOfAProcessGoneFromThisHostIsTakenWithoutWaiting(String vendor, DataSource ds) throws Exception {
        JdbcClient jdbc = migrate(vendor, ds);
        HubNodes nodes = nodes(ds, jdbc);
        Duration longInterval = Duration.ofSeconds(20);
        HubNode crashed = new HubNode("node-1", ".", UTC);
        assertThat(nodes.take(crashed, nodes.row("node-1"), OffsetDateTime.now(clock).minusMinutes(5))).isTrue();

        long started = System.nanoTime();
        HubNode afterLongDown = new HubNode("node-1", ".", UTC);
        check(nodes, afterLongDown, longInterval).start();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stale row").isLessThan(longInterval);

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        jdbc.sql("UPDATE hub_node SET process_pid = ?, heartbeat_at = ? WHERE node_id = 'node-1'")
                .params(gone.pid(), OffsetDateTime.now(clock)).update();
        started = System.nanoTime();
        HubNode restarted = new HubNode("node-1", ".", UTC);
        check(nodes, restarted, longInterval).start();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fresh row of a pid gone").isLessThan(longInterval);
        assertThat(nodes.row("node-1").orElseThrow().token()).isEqualTo(restarted.process().token());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNodeInAnotherZoneThanALiveNodeIsRefusedAndOneInAnAliasOfItsZoneStarts(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        HubNodes nodes = nodes(ds, jdbc);
        check(nodes, new HubNode("node-shanghai", ".", ZoneId.of("Asia/Shanghai")), INTERVAL).start();

        assertThatThrownBy(() -> check(nodes, new HubNode("node-utc", ".", UTC), INTERVAL).start())
                .isInstanceOf(NodeStartRefusedException.class)
                .hasMessageContaining(NodeStartRefusedException.NODE_ZONE_MISMATCH)
                .hasMessageContaining("Asia/Shanghai")
                .hasMessageContaining("-Duser.timezone=Asia/Shanghai")
                .hasMessageContaining("时区");
        assertThat(nodes.row("node-utc")).as("refused before it wrote a row").isEmpty();

        check(nodes, new HubNode("node-chongqing", ".", ZoneId.of("Asia/Chongqing")), INTERVAL).start();
        check(nodes, new HubNode("node-plus8", ".", ZoneOffset.ofHours(8)), INTERVAL).start();

        // the other zone's nodes silent for node-timeout: gone, or about to be taken over under the zone they ran in
        jdbc.sql("UPDATE hub_node SET heartbeat_at = ?").param(OffsetDateTime.now(clock).minus(NODE_TIMEOUT).minusMinutes(1)).update();
        check(nodes, new HubNode("node-utc", ".", UTC), INTERVAL).start();
        assertThat(nodes.row("node-utc").orElseThrow().zone()).isEqualTo("Z");
    }

    private static HubNodes nodes(DataSource ds, JdbcClient jdbc) {
        return new HubNodes(jdbc, new InsertIfAbsent(ds), ds, "true");
    }

    private NodeStartCheck check(HubNodes nodes, HubNode node, Duration interval) {
        return new NodeStartCheck(nodes, node, clock, interval, NODE_TIMEOUT);
    }
}
