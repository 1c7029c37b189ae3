/**
 * The HTTP API: batches, rejected rows, trace queries; RFC 9457 problems.
 */
package org.tracehub.hub.api;
