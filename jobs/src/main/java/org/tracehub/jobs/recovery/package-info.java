/**
 * Start-up recovery: job executions a crash left running are marked failed and restarted, and
 * batches left converting without a running execution are taken up again, so nothing stays STARTED;
 * then the scheduled runs missed while the hub was down ({@link org.tracehub.jobs.recovery.MissedRuns}). The threads the
 * schedules run on, one per schedule ({@link org.tracehub.jobs.recovery.ScheduleLane}), and the start of a scheduled run,
 * tried again while the database cannot be reached ({@link org.tracehub.jobs.recovery.ScheduledStarts}). When the hub
 * stops, the jobs running here are asked to stop at a chunk, not interrupted ({@link org.tracehub.jobs.recovery.RunningJobsStop}).
 */
package org.tracehub.jobs.recovery;
