/**
 * Access to the sample corpus on the classpath.
 */
package org.tracehub.samples;
