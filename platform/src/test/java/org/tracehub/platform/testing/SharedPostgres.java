package org.tracehub.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One throw-away PostgreSQL server ({@link LocalPostgres#startForTests()}) for every test class of a test JVM that takes
 * a {@link LocalPostgres} parameter (a {@code @BeforeAll} method's, say) with this extension, stopped when the JVM's tests
 * end: JUnit closes what its root store holds. Starting a server is an initdb, seconds a class; the classes that share it
 * clean and migrate the database before each test, so none sees another's rows. A class that stops, breaks or
 * reconfigures its server starts one of its own instead.
 */
public final class SharedPostgres implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPostgres.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPostgres.class;
    }

    @Override
    public LocalPostgres resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(LocalPostgres.class, key -> start(), LocalPostgres.class);
    }

    private static LocalPostgres start() {
        try {
            return LocalPostgres.startForTests();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
