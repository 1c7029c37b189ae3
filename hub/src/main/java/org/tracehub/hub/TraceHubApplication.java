package org.tracehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.tracehub")
@ConfigurationPropertiesScan("org.tracehub")
public class TraceHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(TraceHubApplication.class, args);
    }
}
