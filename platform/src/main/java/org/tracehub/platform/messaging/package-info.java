/** Sending to the broker within a time limit: what the jobs' and the routes' JMS sends share. */
package org.tracehub.platform.messaging;
