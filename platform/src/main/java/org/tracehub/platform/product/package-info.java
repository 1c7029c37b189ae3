/**
 * The products named in loaded events, by their standard code: the name and GTIN the chain query shows.
 */
package org.tracehub.platform.product;
