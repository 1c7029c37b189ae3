/**
 * The Spring Boot application that wires every module together.
 */
package org.tracehub.hub;
