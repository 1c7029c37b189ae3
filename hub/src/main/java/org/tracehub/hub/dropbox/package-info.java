/**
 * The embedded SFTP drop-box as part of the hub: configuration, life cycle, health.
 */
package org.tracehub.hub.dropbox;
