package org.tracehub.hub;

import org.springframework.boot.SpringApplication;
import org.tracehub.hub.cli.PasswordHashCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.tracehub")
@ConfigurationPropertiesScan("org.tracehub")
public class TraceHubApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "hash-password".equals(args[0])) {
            System.exit(PasswordHashCommand.run());
        }
        SpringApplication.run(TraceHubApplication.class, args);
    }
}
