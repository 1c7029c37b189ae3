/**
 * What an admin needs to run the hub unattended and that only the running hub can do: an online backup of the embedded
 * H2 database (no other process may open its file while the hub runs), and clearing the broker's dead letters once
 * they were looked into. The API is {@code api.OperationsController}; the runbook is the root README's
 * "Operations and alerting" and "Backup and restore".
 */
package org.tracehub.hub.ops;
