/**
 * Batches (one received file each), their life cycle, rejected rows, and the JMS destinations between intake and jobs.
 */
package org.tracehub.platform.batch;
