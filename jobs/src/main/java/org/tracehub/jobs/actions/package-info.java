/**
 * What an admin can do to a batch: reprocess it (a new attempt from the archived original with the
 * current spec), retry a failed run where it stopped, and see its job executions.
 */
package org.tracehub.jobs.actions;
