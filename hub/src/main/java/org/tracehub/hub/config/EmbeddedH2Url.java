package org.tracehub.hub.config;

import java.nio.file.Path;
import java.util.Optional;

/** The database of an embedded H2 file URL ({@code jdbc:h2:file:<path>;<settings>}): the data folder's check and the file-size gauge read it. */
public final class EmbeddedH2Url {

    private static final String PREFIX = "jdbc:h2:file:";

    private EmbeddedH2Url() {
    }

    /** The database's path as H2 names it, without its {@code .mv.db}; empty for any other URL. */
    public static Optional<Path> database(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String path = url.substring(PREFIX.length());
        int settings = path.indexOf(';');
        return Optional.of(Path.of(settings < 0 ? path : path.substring(0, settings)).toAbsolutePath());
    }

    /** The file H2 keeps the database in ({@code <path>.mv.db}). */
    public static Optional<Path> databaseFile(String url) {
        return database(url).map(p -> p.resolveSibling(p.getFileName() + ".mv.db"));
    }
}
