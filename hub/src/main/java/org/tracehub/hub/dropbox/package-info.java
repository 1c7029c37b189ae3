/**
 * The SFTP transports as part of the hub: the embedded drop-box's configuration, life cycle and health, and the
 * health of the pulls from legacy SFTP servers.
 */
package org.tracehub.hub.dropbox;
