/**
 * Streaming readers of legacy exports, with encoding detection and text normalisation.
 */
package org.tracehub.mappings.read;
