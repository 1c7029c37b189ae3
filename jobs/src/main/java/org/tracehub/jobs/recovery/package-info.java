/**
 * Start-up recovery: job executions a crash left running are marked failed and restarted, and
 * batches left converting without a running execution are taken up again, so nothing stays STARTED.
 */
package org.tracehub.jobs.recovery;
