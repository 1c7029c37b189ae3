/**
 * The nightly sync: on its cron, loads the staged batches of sources that load nightly, asks routes
 * for the pulls that are due, and reports a summary per source (log, metrics, JMS).
 */
package org.tracehub.jobs.sync;
