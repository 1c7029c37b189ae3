/**
 * Receipts into the sender's outbox, in Chinese, row by row.
 */
package org.tracehub.routes.receipt;
