/**
 * How far a batch's work has come: rows read and an estimate of the total while converting, events
 * loaded while loading, read from the job repository and, on the node doing the work, live.
 */
package org.tracehub.jobs.progress;
