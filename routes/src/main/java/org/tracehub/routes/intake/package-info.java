/**
 * Intake: a complete file is archived, checksummed, recorded as a batch and dispatched or answered.
 */
package org.tracehub.routes.intake;
