/**
 * Loaded trace events and links, and the trace-chain query behind the QR codes.
 */
package org.tracehub.platform.trace;
