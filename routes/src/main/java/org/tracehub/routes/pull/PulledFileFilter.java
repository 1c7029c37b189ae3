package org.tracehub.routes.pull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.mappings.spec.FileNameGlob;
import org.tracehub.routes.intake.FileNames;

/**
 * Which remote files a pull fetches: plain files whose name matches one of the source's globs (its {@code pattern}, else
 * its spec's {@code files[].match} as the catalog has them when the run begins) and is
 * not a name a writer uses while still writing ({@link FileNames#isInProgress}, the drop-box's rule),
 * and that have not changed for {@code hub.pull.min-file-age}: an export written under its final name
 * while the pull runs would otherwise be fetched half-written (and, with {@code after-fetch: delete},
 * removed). Such a file is left, and its {@link Observer} (the source's {@link PullSchedule}) pulls again once it is old
 * enough, the same night. A modification time more than {@link #CLOCK_TOLERANCE} ahead of the hub's clock says nothing
 * about the file's age (the legacy server's clock is fast): such a file is not held back until its time comes, which
 * left it for the next night whatever follow-ups ran; the settle check ({@code hub.pull.settle-time}, a second listing)
 * tells whether it is still being written, and the observer says the skew.
 *
 * <p>A name the pull leaves is said once a day, not at every poll: at INFO a file whose name matches none of the
 * globs (an export renamed by its legacy system is not fetched at all, and the pull still reports success), at WARN a
 * name with U+FFFD in it. The sftp client reads names in the source's {@code filename-encoding} (UTF-8 unless set), and a
 * server that sends them in another one (GBK, on many Chinese Windows servers) has the Chinese characters of a name arrive
 * as U+FFFD: no glob with Chinese in it matches such a name, and a name that a glob does match cannot be downloaded under
 * it. The warning names the setting that fixes it.
 */
final class PulledFileFilter implements GenericFileFilter<Object> {

    private static final Logger log = LoggerFactory.getLogger(PulledFileFilter.class);
    /** Names said today, at most this many: a folder of old exports is named once, not at every poll. */
    static final int MAX_NAMES_SAID = 10_000;
    /** What a UTF-8 decoder puts for bytes that are not UTF-8. */
    private static final char UNREADABLE = '\uFFFD';
    /** How far ahead of the hub's clock a modification time may be and still count as the file's age. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

    /** Told what the filter left for its age and what it took despite it, for the run in progress. */
    interface Observer {

        Observer NONE = new Observer() {
            @Override
            public void tooNew(String name, Instant oldEnoughAt) {
            }

            @Override
            public void stampedAhead(String server, String name, Duration ahead) {
            }
        };

        /** The file was left: it changed less than min-file-age ago, and is old enough at the given time. */
        void tooNew(String name, Instant oldEnoughAt);

        /** The file's modification time is this far ahead of the hub's clock: the server's clock is fast. */
        void stampedAhead(String server, String name, Duration ahead);

        /** The file was left: its name matches none of the source's file names. */
        default void unmatched(String name) {
        }
    }

    /** The globs of one run, compiled. */
    private record Globs(List<String> globs, List<FileNameGlob> patterns) {
    }

    private final String sourceId;
    private final Supplier<List<String>> globSource;
    private volatile Globs current;
    private final Duration minAge;
    private final Clock clock;
    private final Charset filenameEncoding;
    private final String server;
    private final Observer observer;
    private final Set<String> saidToday = new HashSet<>();
    private LocalDate today;

    PulledFileFilter(String sourceId, List<String> globs, Duration minAge, Clock clock) {
        this(sourceId, globs, minAge, clock, StandardCharsets.UTF_8);
    }

    PulledFileFilter(String sourceId, List<String> globs, Duration minAge, Clock clock, Charset filenameEncoding) {
        this(sourceId, globs, minAge, clock, filenameEncoding, "the legacy server", Observer.NONE);
    }

    /** @param server the legacy server as the log names it ({@code host:port}) */
    PulledFileFilter(String sourceId, List<String> globs, Duration minAge, Clock clock, Charset filenameEncoding, String server,
                     Observer observer) {
        this(sourceId, fixed(globs), minAge, clock, filenameEncoding, server, observer);
    }

    /**
     * @param globs the globs, asked at the start of each run ({@link #refresh}): a pull without a {@code pattern} of its own
     *              takes the spec's {@code files[].match} as the catalog has them then, so a spec fixed while the hub runs
     *              is what the next pull fetches by. Throws {@link IllegalStateException} when there are none (the source
     *              has no usable spec), which fails that run
     */
    PulledFileFilter(String sourceId, Supplier<List<String>> globs, Duration minAge, Clock clock, Charset filenameEncoding,
                     String server, Observer observer) {
        this.sourceId = sourceId;
        this.server = server;
        this.observer = observer;
        this.filenameEncoding = filenameEncoding;
        this.globSource = globs;
        this.minAge = minAge;
        this.clock = clock;
    }

    private static Supplier<List<String>> fixed(List<String> globs) {
        List<String> copy = List.copyOf(globs);
        return () -> copy;
    }

    /**
     * Reads the globs for the run beginning now (compiled again only when they changed).
     *
     * @throws IllegalStateException when the source has none to fetch by
     */
    void refresh() {
        List<String> globs = globSource.get();
        if (globs == null || globs.isEmpty()) {
            throw new IllegalStateException("no file names to fetch: the pull has no pattern, and the source has no usable"
                    + " mapping spec");
        }
        Globs was = current;
        if (was == null || !was.globs().equals(globs)) {
            current = new Globs(List.copyOf(globs), globs.stream().map(FileNameGlob::new).toList());
        }
    }

    private Globs globs() {
        if (current == null) {
            refresh();
        }
        return current;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        String name = file.getFileNameOnly();
        if (name != null && name.indexOf(UNREADABLE) >= 0 && firstTimeToday(name)) {
            log.warn("pull of {}: the remote name {} is not {} (U+FFFD stands for bytes the sftp client could not read): the "
                    + "legacy server sends file names in another encoding, such as GBK. Such a file is skipped when it matches none "
                    + "of the source's file names, and cannot be downloaded under its name when it does: set "
                    + "hub.pull.sources.{}.filename-encoding to the server's encoding (GBK on most Chinese Windows servers)",
                    sourceId, name, filenameEncoding.name(), sourceId);
        }
        if (!accepts(name)) {
            if (name != null && !name.isEmpty() && !FileNames.isInProgress(name)) {
                observer.unmatched(name);
            }
            if (name != null && !name.isEmpty() && !FileNames.isInProgress(name) && name.indexOf(UNREADABLE) < 0
                    && firstTimeToday(name)) {
                log.info("pull of {}: {} matches none of the source's file names {}; left on the legacy server", sourceId, name,
                        globs().globs());
            }
            return false;
        }
        long modified = file.getLastModified();
        if (aheadOfTheHub(modified)) {
            observer.stampedAhead(server, name, Duration.ofMillis(modified - clock.millis()));
            return true;
        }
        if (!oldEnough(modified)) {
            log.info("pull of {}: {} changed {} ago, less than hub.pull.min-file-age ({}); left for a later pull", sourceId, name,
                    Duration.ofMillis(clock.millis() - modified), minAge);
            observer.tooNew(name, Instant.ofEpochMilli(modified).plus(minAge));
            return false;
        }
        return true;
    }

    /** A time further ahead of the hub's clock than clocks differ by: its age cannot be told, only whether it settles. */
    boolean aheadOfTheHub(long lastModifiedMillis) {
        return !minAge.isZero() && lastModifiedMillis > clock.millis() + CLOCK_TOLERANCE.toMillis();
    }

    /** Unchanged for the minimum age; a server that reports no time ({@code 0}) is taken at its word. */
    boolean oldEnough(long lastModifiedMillis) {
        return minAge.isZero() || lastModifiedMillis <= 0 || lastModifiedMillis <= clock.millis() - minAge.toMillis();
    }

    /** Whether the name has not been said yet today (the hub's day). */
    private synchronized boolean firstTimeToday(String name) {
        LocalDate now = LocalDate.now(clock);
        if (!now.equals(today)) {
            today = now;
            saidToday.clear();
        }
        if (saidToday.size() >= MAX_NAMES_SAID) {
            // a folder of more names than that: the rest wait for tomorrow (cleared, every poll would say them all again)
            return false;
        }
        return saidToday.add(name);
    }

    boolean accepts(String name) {
        if (name == null || name.isEmpty() || FileNames.isInProgress(name) || name.contains("/")) {
            return false;
        }
        return globs().patterns().stream().anyMatch(p -> p.matches(name));
    }
}
