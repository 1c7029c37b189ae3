/** Portable bulk SQL for the write paths (one statement for many rows, on H2 and PostgreSQL). */
package org.tracehub.platform.sql;
