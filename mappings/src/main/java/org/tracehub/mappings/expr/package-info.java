/**
 * The sandboxed expression language of mapping specs (Spring SpEL without type, bean, constructor or
 * method access): parsing with load-time checks, and evaluation over one row.
 */
package org.tracehub.mappings.expr;
