/**
 * Batch id and source on every log line that concerns a batch: the MDC keys and the HTTP filter that
 * sets them for requests about one batch or source. The log pattern in application.yml prints them.
 */
package org.tracehub.hub.logging;
