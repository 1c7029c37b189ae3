package org.tracehub.hub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.tracehub.hub.config.ExtraRegionCodesCheck;
import org.tracehub.hub.config.ExtraRegionCodesException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The hub jar's subcommands, run without starting the server:
 * {@code java -jar trace-hub.jar convert|check-spec|validate|hash-password …}. They use the same
 * mapping engine, readers and rules as the server.
 */
@Command(name = "java -jar trace-hub.jar", mixinStandardHelpOptions = false,
        description = "Trace Hub 命令行工具（不启动服务器） / Trace Hub command line (the server is not started)",
        subcommands = {ConvertCommand.class, CheckSpecCommand.class, ValidateCommand.class, PasswordHashCommand.class,
                CommandLine.HelpCommand.class})
public final class TraceHubCli implements Runnable {

    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h", "-help", "-?");

    private final CliConsole console;

    TraceHubCli(CliConsole console) {
        this.console = console;
    }

    /**
     * Whether these arguments are for the command line rather than the server. The server takes Spring's
     * {@code --name=value} options only, so anything else — a subcommand, {@code -h}, {@code --help}, a mistyped
     * command — is the command line's, which prints its usage for what it does not know instead of starting a hub
     * (a database, the SFTP port and the broker) in the operator's shell.
     */
    public static boolean isCommand(String[] args) {
        // the hub's setting --hub.time-zone=… may stand before the command, as before the server's other options
        String[] rest = CommandSettings.withoutSettings(args);
        return rest.length > 0 && (!rest[0].startsWith("--") || HELP_OPTIONS.contains(rest[0]));
    }

    /** Runs a subcommand on the process's streams and returns its exit code. */
    public static int execute(String[] args) {
        quietLogging();
        return execute(args, CliConsole.system());
    }

    /** Runs a subcommand on the given streams and returns its exit code (see {@link CliExitCodes}). */
    public static int execute(String[] args, CliConsole console) {
        Map<String, Object> systemProperties = new HashMap<>();
        System.getProperties().forEach((name, value) -> systemProperties.put(String.valueOf(name), value));
        return execute(args, console, Clock.systemUTC(), systemProperties, new HashMap<>(System.getenv()));
    }

    /**
     * Runs a subcommand with "now" from {@code machineClock}, judged in the hub's zone as the server judges it, whatever
     * zone the machine is in ({@link HubTimeZone}), and with the GB/T 2260 codes the server's table has
     * ({@code hub.standard.extra-region-codes}): both read from {@code --hub.…=} among the arguments,
     * {@code systemProperties}, {@code environment} and the configuration files, as the server reads them
     * ({@link CommandSettings}).
     */
    static int execute(String[] args, CliConsole console, Clock machineClock, Map<String, Object> systemProperties,
            Map<String, Object> environment) {
        ConfigurableEnvironment settings = CommandSettings.read(List.of(args), systemProperties, environment);
        Clock clock;
        try {
            clock = machineClock.withZone(HubTimeZone.resolve(settings));
        } catch (HubTimeZone.Invalid e) {
            console.err().println(e.getMessage() + "；服务器用同一设置，也无法启动");
            return CliExitCodes.UNUSABLE;
        }
        try {
            ExtraRegionCodesCheck.inProcess(Binder.get(settings));
        } catch (ExtraRegionCodesException e) {
            console.err().println(e.getMessage() + "（" + CliCodes.EXTRA_REGION_CODES_INVALID + "）；服务器用同一设置，也无法启动");
            return CliExitCodes.UNUSABLE;
        }
        args = CommandSettings.withoutSettings(args);
        if (args.length > 0 && HELP_OPTIONS.contains(args[0])) {
            args = new String[] {"help"};
        }
        CommandLine commandLine = new CommandLine(new TraceHubCli(console), new Factory(console, clock));
        commandLine.setOut(new PrintWriter(console.out(), true, console.charset()));
        commandLine.setErr(new PrintWriter(console.err(), true, console.charset()));
        commandLine.setExitCodeExceptionMapper(e -> CliExitCodes.UNUSABLE);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("命令执行失败 / command failed: " + e);
            return CliExitCodes.UNUSABLE;
        });
        commandLine.getCommandSpec().exitCodeOnInvalidInput(CliExitCodes.UNUSABLE);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(new PrintWriter(console.err(), true, console.charset()));
    }

    /**
     * Without Spring Boot's logging set-up, Logback would print every library's DEBUG lines to
     * standard output — where {@code convert} writes the document. Warnings go to standard error only.
     */
    static void quietLogging() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{0}: %msg%n");
        encoder.setCharset(CliConsole.terminalCharset());
        encoder.start();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }

    /** Hands every command the same console, and the hub's clock to those that judge "now". */
    private record Factory(CliConsole console, Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliConsole.class, Clock.class).newInstance(console, clock);
            } catch (NoSuchMethodException withoutClock) {
                try {
                    return type.getDeclaredConstructor(CliConsole.class).newInstance(console);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        }
    }
}
