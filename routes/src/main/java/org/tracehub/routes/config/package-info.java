/**
 * Route configuration shared by every route: error handling once.
 */
package org.tracehub.routes.config;
