/**
 * Accepted events between convert and load.
 */
package org.tracehub.platform.staging;
