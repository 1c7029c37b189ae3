package org.tracehub.jobs.purge;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * The job instances the nightly job-metadata purge reads, and where its last completed run left off (V44): on the first
 * run every instance whose runs all ended before the cutoff, afterwards only those that can have become purgeable since
 * — the instances with a run that ended since the last run's cutoff (they grow old), and the kept instances whose batch
 * changed since the last run (a reprocess or a retry moved the batch on). Neither read grows with the instances kept:
 * the first goes through {@code BATCH_JOB_EXECUTION(END_TIME, JOB_EXECUTION_ID)}, the second through
 * {@code batch(updated_at)} and {@code job_metadata_kept(batch_id)}. Each page is read by its keyset.
 */
class JobMetadataCandidates {

    /**
     * How far before the last run's marks a run reads again: a run ended or a batch changed on a node whose clock was
     * behind, or across a change of summer time, still falls within the next run's read.
     */
    static final java.time.Duration OVERLAP = java.time.Duration.ofDays(1);

    private static final String ALL_ENDED = "NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION o WHERE o.JOB_INSTANCE_ID = %s "
            + "AND (o.END_TIME IS NULL OR o.END_TIME >= :cutoff))";

    private final JdbcClient jdbc;
    private final InsertIfAbsent inserts;

    JobMetadataCandidates(JdbcClient jdbc, InsertIfAbsent inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    /** Where the last completed run left off; empty before the first run since V44. */
    Optional<Mark> mark() {
        return jdbc.sql("SELECT ended_before, batches_changed_since FROM job_metadata_purge_mark WHERE id = 1")
                .query((rs, i) -> new Mark(rs.getObject(1, LocalDateTime.class), rs.getObject(2, OffsetDateTime.class)))
                .optional();
    }

    /** Records that a run read everything that could have become purgeable up to its cutoff and its start. */
    void save(Mark mark) {
        jdbc.sql("DELETE FROM job_metadata_purge_mark WHERE id = 1").update();
        jdbc.sql("INSERT INTO job_metadata_purge_mark (id, ended_before, batches_changed_since) VALUES (1, :ended, :changed)")
                .param("ended", mark.endedBefore()).param("changed", mark.batchesChangedSince()).update();
    }

    /** Every instance with runs, all ended before the cutoff, after {@code after} in id order: the first run's read. */
    List<Long> all(long after, LocalDateTime cutoff, int page) {
        return jdbc.sql("SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i WHERE i.JOB_INSTANCE_ID > :after "
                        + "AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID) "
                        + "AND " + ALL_ENDED.formatted("i.JOB_INSTANCE_ID")
                        + " ORDER BY i.JOB_INSTANCE_ID FETCH FIRST " + page + " ROWS ONLY")
                .param("after", after)
                .param("cutoff", cutoff)
                .query(Long.class).list();
    }

    /**
     * The runs that ended from {@code after} on and before the cutoff, in end order, each with its instance when all that
     * instance's runs ended before the cutoff (else without: the instance waits for its newest run's window).
     */
    List<EndedRun> ended(EndedRun after, LocalDateTime cutoff, int page) {
        return jdbc.sql("SELECT e.END_TIME, e.JOB_EXECUTION_ID, CASE WHEN " + ALL_ENDED.formatted("e.JOB_INSTANCE_ID")
                        + " THEN e.JOB_INSTANCE_ID END FROM BATCH_JOB_EXECUTION e WHERE e.END_TIME >= :time AND e.END_TIME < :cutoff "
                        + "AND (e.END_TIME > :time OR e.JOB_EXECUTION_ID > :execution) "
                        + "ORDER BY e.END_TIME, e.JOB_EXECUTION_ID FETCH FIRST " + page + " ROWS ONLY")
                .param("time", after.endTime())
                .param("execution", after.executionId())
                .param("cutoff", cutoff)
                .query((rs, i) -> new EndedRun(rs.getObject(1, LocalDateTime.class), rs.getLong(2),
                        rs.getObject(3) == null ? null : rs.getLong(3)))
                .list();
    }

    /** The batches changed from {@code after} on (by {@code updated_at}, then id) that have kept instances. */
    List<ChangedBatch> changed(ChangedBatch after, int page) {
        return jdbc.sql("SELECT b.updated_at, b.id FROM batch b WHERE b.updated_at >= :time AND (b.updated_at > :time OR b.id > :id) "
                        + "AND EXISTS (SELECT 1 FROM job_metadata_kept k WHERE k.batch_id = b.id) "
                        + "ORDER BY b.updated_at, b.id FETCH FIRST " + page + " ROWS ONLY")
                .param("time", after.updatedAt())
                .param("id", after.id())
                .query((rs, i) -> new ChangedBatch(rs.getObject(1, OffsetDateTime.class), rs.getString(2)))
                .list();
    }

    /** The kept instances of the batches whose runs all ended before the cutoff, in id order. */
    List<Long> keptOf(List<String> batchIds, LocalDateTime cutoff) {
        if (batchIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT k.job_instance_id FROM job_metadata_kept k WHERE k.batch_id IN (:batches) AND "
                        + ALL_ENDED.formatted("k.job_instance_id") + " ORDER BY k.job_instance_id")
                .param("batches", batchIds)
                .param("cutoff", cutoff)
                .query(Long.class).list();
    }

    /** Lists an instance kept for its batch's retry or restart. */
    void keep(long instanceId, String batchId) {
        // most of a run's kept instances are listed already: a look, and the insert only for a new one
        if (jdbc.sql("SELECT COUNT(*) FROM job_metadata_kept WHERE job_instance_id = :id").param("id", instanceId)
                .query(Long.class).single() == 0) {
            inserts.insert("INSERT INTO job_metadata_kept (job_instance_id, batch_id) VALUES (:id, :batch)", "job_instance_id",
                    insert -> insert.param("id", instanceId).param("batch", batchId));
        }
    }

    /** Takes an instance off the kept list: purged, gone, or no longer needed by its batch. */
    void forget(long instanceId) {
        jdbc.sql("DELETE FROM job_metadata_kept WHERE job_instance_id = :id").param("id", instanceId).update();
    }

    /**
     * @param endedBefore the last run's cutoff, as Spring Batch writes END_TIME
     * @param batchesChangedSince the last run's start
     */
    record Mark(LocalDateTime endedBefore, OffsetDateTime batchesChangedSince) {
    }

    /** A run's end, its id and its instance if that is a candidate. */
    record EndedRun(LocalDateTime endTime, long executionId, Long instanceId) {
    }

    record ChangedBatch(OffsetDateTime updatedAt, String id) {
    }
}
