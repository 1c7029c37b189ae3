/**
 * Nightly pulls from legacy SFTP servers: one sftp consumer route per source from one route template,
 * its schedule (cron, "pull now" requests, back-off after a failure), what was fetched, and how it went.
 */
package org.tracehub.routes.pull;
