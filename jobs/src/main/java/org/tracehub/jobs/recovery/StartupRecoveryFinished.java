package org.tracehub.jobs.recovery;

/**
 * Published once start-up recovery has taken up what a crash interrupted (or at once when it is switched off), in the
 * recovery's thread: the schedules then run what they missed while the hub was down, after the interrupted runs they
 * would otherwise overlap with.
 */
public record StartupRecoveryFinished() {
}
