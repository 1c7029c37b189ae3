/**
 * The messages the jobs send (a batch's report, a pull request, the sync's summary), each with a time limit: a broker
 * that takes none (its disk full) fails the step that sends instead of holding it, and its transaction, for ever.
 */
package org.tracehub.jobs.messaging;
