/**
 * Spring Batch's own skip and restart behaviour, documented by a small job outside the hub's
 * packages (so the hub's tests do not pick it up): what the import job may and may not rely on.
 */
package org.tracehub.skiprestart;
