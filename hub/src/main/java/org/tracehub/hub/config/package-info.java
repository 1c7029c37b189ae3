/**
 * Beans of the framework-free modules, configured for the running hub.
 */
package org.tracehub.hub.config;
