/**
 * The import job: convert, stage, load and report one batch attempt.
 */
package org.tracehub.jobs.importjob;
