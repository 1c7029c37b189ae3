package org.tracehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The hub: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.tracehub")
public class TraceHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(TraceHubApplication.class, args);
    }
}
