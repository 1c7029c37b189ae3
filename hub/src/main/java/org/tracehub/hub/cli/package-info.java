/**
 * Command-line subcommands of the hub jar ({@code convert}, {@code check-spec}, {@code validate},
 * {@code hash-password}), dispatched by picocli before Spring starts; they use the same engine as the server.
 */
package org.tracehub.hub.cli;
