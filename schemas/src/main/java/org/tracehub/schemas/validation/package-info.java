/**
 * Identifier validators with published check algorithms, findings and the stable error codes.
 */
package org.tracehub.schemas.validation;
