package org.tracehub.platform.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A data source that counts the statements prepared or created on its connections: a test of how many round trips a
 * query costs asserts the count, not a timing. It also keeps the SQL of each prepared one, and can tell a listener of it
 * before it runs: a test of what must happen before a statement looks at the world then.
 */
public final class StatementCounter {

    private final AtomicInteger statements = new AtomicInteger();
    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final Consumer<String> beforeEach;
    private final DataSource dataSource;

    public StatementCounter(DataSource target) {
        this(target, sql -> { });
    }

    /** Calls {@code beforeEach} with the SQL of each statement prepared, before the database sees it. */
    public StatementCounter(DataSource target, Consumer<String> beforeEach) {
        this.beforeEach = beforeEach;
        this.dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? counting(c) : result;
                });
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The statements prepared or created since the last call. */
    public int takeCount() {
        return statements.getAndSet(0);
    }

    /** The SQL of every statement prepared so far, in order (a statement created without its SQL is not in it). */
    public List<String> prepared() {
        return List.copyOf(prepared);
    }

    private Connection counting(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                statements.incrementAndGet();
            }
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args[0] instanceof String sql) {
                prepared.add(sql);
                beforeEach.accept(sql);
            }
            return invoke(target, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
