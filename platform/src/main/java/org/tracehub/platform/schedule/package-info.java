/** When the hub's crons were last due: what a start-up runs once when the hub was down at a scheduled time. */
package org.tracehub.platform.schedule;
