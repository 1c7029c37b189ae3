package org.tracehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tracehub.hub.cli.TraceHubCli;

/** The hub: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.tracehub")
@ConfigurationPropertiesScan("org.tracehub")
public class TraceHubApplication {

    public static void main(String[] args) {
        // a subcommand (convert, check-spec, validate, hash-password, help), --help or anything not a --option runs without Spring
        if (TraceHubCli.isCommand(args)) {
            System.exit(TraceHubCli.execute(args));
        }
        SpringApplication.run(TraceHubApplication.class, args);
    }
}
