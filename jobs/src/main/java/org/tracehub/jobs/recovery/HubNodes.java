package org.tracehub.jobs.recovery;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.DatabaseProduct;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * The {@code hub_node} and {@code job_execution_node} tables: each node's heartbeat, and the node that owns each job
 * execution. Ownership moves only by a claim, a conditional update of {@code claim_version}, so that of two nodes
 * recovering the same interrupted run (one starting up, one taking over a node it found silent) one alone wins.
 */
@Repository
public class HubNodes {

    /** The owner of an execution as read, to claim it from: no row means no node recorded it. */
    public record Owner(String node, int claimVersion) {
    }

    /**
     * A node's row as read: its last beat and the process that beats under it (token, pid, host and zone are null for a
     * row written before V38, or by a process that beat without them).
     */
    public record Row(OffsetDateTime heartbeatAt, String token, Long pid, String host, String zone) {
    }

    /** What a process's beat found. */
    public enum Beat {
        /** its own row, beaten */
        BEAT,
        /** no row: added (its first beat, or another node took it for dead and removed the row) */
        ROW_ADDED,
        /** the row is another process's: one that started under the same node id took it (beaten all the same) */
        ROW_OF_ANOTHER_PROCESS
    }

    private final JdbcClient jdbc;
    private final InsertIfAbsent inserts;
    private final boolean shared;

    /**
     * @param sharedSetting {@code hub.jobs.recovery.nodes-share-database}: {@code auto} (the default) takes an embedded H2
     *                      file, which one process alone can open, as never shared, and any other database as possibly
     *                      shared; {@code true} or {@code false} says so
     */
    public HubNodes(JdbcClient jdbc, InsertIfAbsent inserts, DataSource dataSource,
                    @Value("${hub.jobs.recovery.nodes-share-database:auto}") String sharedSetting) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        String product = DatabaseProduct.of(dataSource);
        this.shared = switch (sharedSetting.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> !"H2".equalsIgnoreCase(product);
            default -> throw new IllegalArgumentException("hub.jobs.recovery.nodes-share-database is auto, true or false, not "
                    + sharedSetting);
        };
    }

    /**
     * Whether other nodes may share this database. When not (the embedded H2 default), this node is alone whatever
     * {@code hub_node} says: a row there under another name is this installation's own earlier name (a container
     * recreated under a new host name), and its runs are this node's to take up at once.
     */
    public boolean shared() {
        return shared;
    }

    /**
     * Records that the node is alive.
     *
     * @return false when the node had no row: its first beat, or another node took it for dead and claimed its runs
     */
    public boolean beat(String node, OffsetDateTime now) {
        int updated = jdbc.sql("UPDATE hub_node SET heartbeat_at = :now WHERE node_id = :node")
                .param("now", now).param("node", node).update();
        if (updated > 0) {
            return true;
        }
        // absent unless two processes share the id (see the README)
        inserts.insert("INSERT INTO hub_node (node_id, started_at, heartbeat_at) VALUES (:node, :now, :now)", "node_id",
                statement -> statement.param("node", node).param("now", now));
        return false;
    }

    /**
     * Records that the process is alive, under its node's row if the row is still its own (as {@link #take} made it).
     */
    public Beat beat(HubNode self, OffsetDateTime now) {
        if (jdbc.sql("UPDATE hub_node SET heartbeat_at = :now WHERE node_id = :node AND process_token = :token")
                .param("now", now).param("node", self.id()).param("token", self.process().token()).update() > 0) {
            return Beat.BEAT;
        }
        if (jdbc.sql("UPDATE hub_node SET heartbeat_at = :now WHERE node_id = :node").param("now", now).param("node", self.id())
                .update() > 0) {
            // still beaten: a node left silent would have its runs taken over, and those runs may be this process's
            return Beat.ROW_OF_ANOTHER_PROCESS;
        }
        return insertRow(self, now) ? Beat.ROW_ADDED : Beat.ROW_OF_ANOTHER_PROCESS;
    }

    /** A node's row, if it has one. */
    public Optional<Row> row(String node) {
        return jdbc.sql("SELECT heartbeat_at, process_token, process_pid, process_host, zone_id FROM hub_node WHERE node_id = ?")
                .param(node)
                .query((rs, i) -> new Row(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /**
     * Makes the node's row this process's, if it is still as read: of two processes starting under one node id at the same
     * moment, one alone takes it, and the other finds it beating under the first.
     *
     * @param seen the row read before, or empty when the node had none
     * @return whether this process took it
     */
    public boolean take(HubNode self, Optional<Row> seen, OffsetDateTime now) {
        if (seen.isEmpty()) {
            return insertRow(self, now);
        }
        HubNode.Process p = self.process();
        return jdbc.sql("UPDATE hub_node SET started_at = :now, heartbeat_at = :now, process_token = :token, process_pid = :pid, "
                        + "process_host = :host, zone_id = :zone WHERE node_id = :node AND heartbeat_at = :seenBeat "
                        + "AND COALESCE(process_token, '') = :seenToken")
                .param("now", now).param("token", p.token()).param("pid", p.pid()).param("host", p.host())
                .param("zone", p.zone().getId()).param("node", self.id()).param("seenBeat", seen.get().heartbeatAt())
                .param("seenToken", seen.get().token() == null ? "" : seen.get().token())
                .update() == 1;
    }

    private boolean insertRow(HubNode self, OffsetDateTime now) {
        HubNode.Process p = self.process();
        return inserts.insert("INSERT INTO hub_node (node_id, started_at, heartbeat_at, process_token, process_pid, process_host, "
                        + "zone_id) VALUES (:node, :now, :now, :token, :pid, :host, :zone)", "node_id",
                statement -> statement.param("node", self.id()).param("now", now).param("token", p.token()).param("pid", p.pid())
                        .param("host", p.host()).param("zone", p.zone().getId()));
    }

    /** The zone of every other node that has beaten at or after the time and recorded one. */
    public Map<String, String> zonesOfOthersAlive(String self, OffsetDateTime since) {
        Map<String, String> zones = new LinkedHashMap<>();
        jdbc.sql("SELECT node_id, zone_id FROM hub_node WHERE node_id <> :self AND heartbeat_at >= :since AND zone_id IS NOT NULL "
                        + "ORDER BY node_id")
                .param("self", self).param("since", since)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list().forEach(e -> zones.put(e.getKey(), e.getValue()));
        return zones;
    }

    /**
     * Removes a node's row once its runs were taken over, if it is still silent: should it resume (a pause longer than
     * the timeout), its next heartbeat finds the row gone and says that it was taken for dead.
     */
    public void forgetSilent(String node, OffsetDateTime silentBefore) {
        jdbc.sql("DELETE FROM hub_node WHERE node_id = :node AND heartbeat_at < :before")
                .param("node", node).param("before", silentBefore).update();
    }

    /**
     * Removes the rows of nodes silent since before the time that own no execution still marked running: nodes gone for
     * good (a container recreated under a new name each release) would otherwise stay in the table for ever.
     *
     * @return how many were removed
     */
    public int forgetLongSilent(OffsetDateTime silentBefore) {
        return jdbc.sql("DELETE FROM hub_node WHERE heartbeat_at < :before AND NOT EXISTS (SELECT 1 FROM job_execution_node o "
                        + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = o.job_execution_id "
                        + "WHERE o.node_id = hub_node.node_id AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING'))")
                .param("before", silentBefore).update();
    }

    /** Every node's last heartbeat. */
    public Map<String, OffsetDateTime> heartbeats() {
        Map<String, OffsetDateTime> beats = new LinkedHashMap<>();
        jdbc.sql("SELECT node_id, heartbeat_at FROM hub_node ORDER BY node_id")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
                .list().forEach(e -> beats.put(e.getKey(), e.getValue()));
        return beats;
    }

    /** Whether a node other than this one has beaten at or after the time. */
    public boolean otherNodeAlive(String self, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM hub_node WHERE node_id <> :self AND heartbeat_at >= :since")
                .param("self", self).param("since", since).query(Integer.class).single() > 0;
    }

    /** Records the node that runs a new execution. */
    public void recordOwner(long executionId, String node) {
        jdbc.sql("INSERT INTO job_execution_node (job_execution_id, node_id, claim_version) VALUES (:id, :node, 0)")
                .param("id", executionId).param("node", node).update();
    }

    public Optional<Owner> ownerOf(long executionId) {
        return jdbc.sql("SELECT node_id, claim_version FROM job_execution_node WHERE job_execution_id = ?").param(executionId)
                .query((rs, i) -> new Owner(rs.getString(1), rs.getInt(2))).optional();
    }

    /**
     * Makes the node the owner of an execution, if its owner is still as read.
     *
     * @param seen the owner read before, or empty when no node had recorded the execution
     * @return whether this claim won
     */
    public boolean claim(long executionId, Optional<Owner> seen, String node) {
        return claim(executionId, seen, node, null);
    }

    /**
     * Makes the node the owner of an execution, if its owner is still as read and, when another node, has not beaten since
     * {@code ownerSilentBefore}. The heartbeats a look judged that node silent by were read before this claim: a node that
     * was only paused (a long GC, a suspended VM) may have come back meanwhile with its run still going, and a claim that
     * did not look again took the run from under it (marked FAILED, restarted beside it). Its beat now wins, in the same
     * statement as the claim.
     *
     * @param seen              the owner read before, or empty when no node had recorded the execution
     * @param ownerSilentBefore null when the owner's heartbeat does not matter (a database no other node shares)
     * @return whether this claim won
     */
    public boolean claim(long executionId, Optional<Owner> seen, String node, OffsetDateTime ownerSilentBefore) {
        if (seen.isEmpty()) {
            return inserts.insert("INSERT INTO job_execution_node (job_execution_id, node_id, claim_version) VALUES (:id, :node, 1)",
                    "job_execution_id", statement -> statement.param("id", executionId).param("node", node));
        }
        String stillSilent = ownerSilentBefore == null ? "" : " AND (node_id = :node OR NOT EXISTS (SELECT 1 FROM hub_node h "
                + "WHERE h.node_id = job_execution_node.node_id AND h.heartbeat_at >= :silentBefore))";
        var update = jdbc.sql("UPDATE job_execution_node SET node_id = :node, claim_version = claim_version + 1 "
                        + "WHERE job_execution_id = :id AND claim_version = :seen" + stillSilent)
                .param("node", node).param("id", executionId).param("seen", seen.get().claimVersion());
        if (ownerSilentBefore != null) {
            update = update.param("silentBefore", ownerSilentBefore);
        }
        return update.update() == 1;
    }
}
