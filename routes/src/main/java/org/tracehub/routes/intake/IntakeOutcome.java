package org.tracehub.routes.intake;

import org.tracehub.platform.batch.BatchStatus;

/** What intake made of a file: its batch and the status it starts (or ends) with. */
public record IntakeOutcome(String batchId, BatchStatus status) {
}
