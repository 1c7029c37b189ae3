/**
 * Command-line subcommands of the hub jar that run without starting the server.
 */
package org.tracehub.hub.cli;
