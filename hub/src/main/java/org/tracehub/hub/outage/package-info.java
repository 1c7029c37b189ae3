/**
 * What the hub answers while its database is unreachable (PostgreSQL down or failing over, the network to it cut):
 * 503 with {@code Retry-After} and a Chinese message on every surface — the API's problem document, the console's
 * error page, the consumer page's phone-sized notice — instead of the generic 500, with one WARN line per request.
 */
package org.tracehub.hub.outage;
