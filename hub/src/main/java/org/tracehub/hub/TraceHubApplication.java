package org.tracehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tracehub.hub.cli.CliConsole;
import org.tracehub.hub.cli.CliExitCodes;
import org.tracehub.hub.cli.FileNameCharset;
import org.tracehub.hub.cli.TraceHubCli;

/** The hub: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.tracehub")
@ConfigurationPropertiesScan("org.tracehub")
public class TraceHubApplication {

    public static void main(String[] args) {
        // before both: the commands and the server alike take Chinese file names, which need a locale that can encode them
        String locale = FileNameCharset.problem();
        if (locale != null) {
            CliConsole.system().err().println(locale);
            System.exit(CliExitCodes.UNUSABLE);
        }
        // a subcommand (convert, check-spec, validate, hash-password, help), --help or anything not a --option runs without Spring
        if (TraceHubCli.isCommand(args)) {
            System.exit(TraceHubCli.execute(args));
        }
        SpringApplication.run(TraceHubApplication.class, args);
    }
}
