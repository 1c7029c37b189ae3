package org.tracehub.routes.intake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Which taken files the sweep hands back to intake. */
@Component
public class IntakeSweep {

    private final IntakeStaging staging;
    private final Duration interval;
    // whatever was taken before this start has no exchange left working on it
    private final Instant started = Instant.now();

    public IntakeSweep(IntakeStaging staging, @Value("${hub.routes.intake-sweep-interval:5m}") Duration interval) {
        this.staging = staging;
        this.interval = interval;
    }

    /**
     * Taken files no exchange is working on that were taken before the hub started or at least one sweep
     * interval ago (a file taken a moment ago is still on its way through the queue).
     */
    public List<TakenFile> waiting() throws IOException {
        Instant settled = Instant.now().minus(interval);
        return staging.pending().stream()
                .filter(t -> !staging.isClaimed(t.batchId()))
                .filter(t -> {
                    Instant takenAt = takenAt(t);
                    return takenAt.isBefore(started) || !takenAt.isAfter(settled);
                })
                .toList();
    }

    private Instant takenAt(TakenFile taken) {
        try {
            return staging.takenAt(taken);
        } catch (IOException goneMeanwhile) {
            return Instant.MAX; // released since it was listed
        }
    }
}
