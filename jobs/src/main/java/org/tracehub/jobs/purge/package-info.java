/**
 * The purge job: removes staging and Spring Batch metadata after configurable ages and archived
 * originals after the retention period, leaving alone whatever a batch may still need.
 */
package org.tracehub.jobs.purge;
