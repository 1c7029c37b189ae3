package org.tracehub.routes.pull;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.tracehub.routes.intake.FileNames;

/**
 * Which remote files a pull fetches: plain files whose name matches one of the source's globs and is
 * not a name a writer uses while still writing ({@link FileNames#isInProgress}, the drop-box's rule).
 */
final class PulledFileFilter implements GenericFileFilter<Object> {

    private final List<PathMatcher> patterns;

    PulledFileFilter(List<String> globs) {
        this.patterns = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        return !file.isDirectory() && accepts(file.getFileNameOnly());
    }

    boolean accepts(String name) {
        if (name == null || name.isEmpty() || FileNames.isInProgress(name) || name.contains("/")) {
            return false;
        }
        Path path = Path.of(name);
        return patterns.stream().anyMatch(p -> p.matches(path));
    }
}
