/**
 * The hub's own Micrometer meters (scraped at {@code /actuator/prometheus}): files received, rows
 * accepted and rejected per source, batch durations, job failures, queue depth, refused SFTP logins.
 */
package org.tracehub.hub.metrics;
