/**
 * The audit log: who did what to which batch, when. Every admin action (a POST, or a download marked
 * {@link org.tracehub.hub.audit.Audited}) is recorded by {@link org.tracehub.hub.audit.AuditInterceptor}.
 */
package org.tracehub.hub.audit;
