/**
 * The spec dry run: a mapping spec and a sample file in, the first converted events and every row
 * problem out, nothing loaded or recorded. For admins writing or fixing a spec.
 */
package org.tracehub.hub.dryrun;
