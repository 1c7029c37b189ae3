/**
 * Who may do what over HTTP: users and roles from configuration, form login for the console, HTTP
 * Basic for scripts, the public paths (consumer page, QR codes, trace API), and the rule that a
 * sender (role SOURCE) sees and uploads only its own source's batches. The authorisation table is
 * {@link org.tracehub.hub.security.SecurityConfiguration}; README.md lists it for operators.
 */
package org.tracehub.hub.security;
