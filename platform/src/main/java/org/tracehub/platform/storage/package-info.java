/**
 * The layout of the hub's data directory: drop-box roots and the immutable archive.
 */
package org.tracehub.platform.storage;
