package org.tracehub.hub.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates the log file's folder owner-only ({@link OwnerOnlyFolders}) before the logging starts: it is
 * {@code ${hub.data-dir}/logs} by default, and logback would otherwise create it — and a new data directory with it —
 * readable by every user of the machine, before any of the hub's beans could. Runs after the configuration files are
 * read, as Spring Boot's environment post-processors do, and before Spring Boot's logging listener. A folder it cannot
 * create is left to logback, which reports it.
 */
public class LogFolderPreparation implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty("logging.file.name");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Path folder = Path.of(file.strip()).toAbsolutePath().getParent();
            if (folder != null) {
                OwnerOnlyFolders.create(folder);
            }
        } catch (IOException | InvalidPathException | UnsupportedOperationException | SecurityException e) {
            // logback says so when it cannot open the file; the hub itself does not depend on its log
        }
    }
}
