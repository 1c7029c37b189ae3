package org.tracehub.hub.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose calls go to the audit log although it is not a POST (downloads of what a
 * sender sent); the value names the action ({@link AuditActions}). POST handlers are logged anyway.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    String value();
}
