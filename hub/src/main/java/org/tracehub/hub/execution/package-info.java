/**
 * What Spring Batch's job repository knows of a batch: the import job's executions per attempt, their
 * steps and row counts, and how far a running attempt has come. Read by the console and the metrics.
 */
package org.tracehub.hub.execution;
