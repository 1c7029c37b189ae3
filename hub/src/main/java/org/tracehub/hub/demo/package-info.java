/**
 * The demo profile: sample files dropped into their inboxes at start.
 */
package org.tracehub.hub.demo;
