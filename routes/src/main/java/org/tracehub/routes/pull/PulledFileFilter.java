package org.tracehub.routes.pull;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.routes.intake.FileNames;

/**
 * Which remote files a pull fetches: plain files whose name matches one of the source's globs and is
 * not a name a writer uses while still writing ({@link FileNames#isInProgress}, the drop-box's rule),
 * and that have not changed for {@code hub.pull.min-file-age}: an export written under its final name
 * while the pull runs would otherwise be fetched half-written (and, with {@code after-fetch: delete},
 * removed). Such a file is left for the next pull.
 */
final class PulledFileFilter implements GenericFileFilter<Object> {

    private static final Logger log = LoggerFactory.getLogger(PulledFileFilter.class);

    private final List<PathMatcher> patterns;
    private final Duration minAge;
    private final Clock clock;

    PulledFileFilter(List<String> globs, Duration minAge, Clock clock) {
        this.patterns = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        this.minAge = minAge;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory() || !accepts(file.getFileNameOnly())) {
            return false;
        }
        if (!oldEnough(file.getLastModified())) {
            log.info("pull: {} changed {} ago, less than hub.pull.min-file-age ({}); left for the next pull",
                    file.getFileNameOnly(), Duration.ofMillis(clock.millis() - file.getLastModified()), minAge);
            return false;
        }
        return true;
    }

    /** Unchanged for the minimum age; a server that reports no time ({@code 0}) is taken at its word. */
    boolean oldEnough(long lastModifiedMillis) {
        return minAge.isZero() || lastModifiedMillis <= 0 || lastModifiedMillis <= clock.millis() - minAge.toMillis();
    }

    boolean accepts(String name) {
        if (name == null || name.isEmpty() || FileNames.isInProgress(name) || name.contains("/")) {
            return false;
        }
        Path path = Path.of(name);
        return patterns.stream().anyMatch(p -> p.matches(path));
    }
}
