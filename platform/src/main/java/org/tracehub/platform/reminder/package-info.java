/**
 * Lasting problems told at ERROR when first met and then once a day while they last, not at every sweep that meets them:
 * shared by intake, pulls, receipts, the spec folder and the hub's background looks.
 */
package org.tracehub.platform.reminder;
