/**
 * The central store and what every module shares of it.
 */
package org.tracehub.platform;
