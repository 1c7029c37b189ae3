/**
 * The businesses seen in loaded events, keyed by their unified social credit code; private persons are never kept.
 */
package org.tracehub.platform.operator;
