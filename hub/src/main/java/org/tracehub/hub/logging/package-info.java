/**
 * Batch id and source on every log line that concerns a batch: the MDC keys and the HTTP filter that
 * sets them for requests about one batch or source. The log pattern in application.yml prints them. And what keeps a
 * client from filling the log: repeated refusals counted, not logged each, and names it chose cut short.
 */
package org.tracehub.hub.logging;
