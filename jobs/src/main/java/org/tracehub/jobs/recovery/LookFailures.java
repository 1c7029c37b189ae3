package org.tracehub.jobs.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.platform.reminder.Reminders;

/**
 * How the failures of the background looks ({@link RepeatedLook}: dead-node takeover, disk-full retry) are told. A look that
 * failed every time was a WARN line without a stack trace every minute, and nothing counted it: lost runs stayed
 * CONVERTING and disk-full batches DISK_FULL unseen. Now each problem is an ERROR with its stack trace when first met and
 * once a day while it lasts ({@link Reminders}), DEBUG in between, and every failure counts in
 * {@code tracehub_background_look_failures_total} {look}.
 */
@Component
public class LookFailures {

    public static final String FAILURES = "tracehub.background.look.failures";
    public static final String TAG_LOOK = "look";

    private static final Logger log = LoggerFactory.getLogger(LookFailures.class);

    private final MeterRegistry meters;
    private final Reminders<String> told;

    public LookFailures(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.told = new Reminders<>(clock);
    }

    /** Registers the look's counter at zero: a series that first appears at 1 shows no increase to an alert. */
    void watch(String look) {
        counter(look);
    }

    /**
     * One failure of the look, about {@code subject} (a batch; the look itself when null).
     *
     * @param what what failed, in the log's words
     */
    void failed(String look, String subject, String what, Throwable e) {
        counter(look).increment();
        told.forgetQuiet();
        if (told.due(key(look, subject))) {
            log.error("{} failed (told again once a day while it fails; tracehub_background_look_failures_total{{look=\"{}\"}} "
                    + "counts each time)", what, look, e);
        } else {
            log.debug("{} failed again: {}", what, e.toString());
        }
    }

    /** The problem is over: one coming back is told at once. */
    void over(String look, String subject) {
        String key = key(look, subject);
        told.forgetIf(key::equals);
    }

    private static String key(String look, String subject) {
        return subject == null ? look : look + "/" + subject;
    }

    private Counter counter(String look) {
        return Counter.builder(FAILURES)
                .description("Failures of a background look of the hub (taking over lost runs, retrying batches waiting for disk space)")
                .tag(TAG_LOOK, look).register(meters);
    }
}
