/**
 * The public web side: the consumer page {@code /t/{code}}, the trace JSON {@code /api/trace/{code}}, QR codes
 * {@code /qr/{code}.png|.svg} and printable label sheets per batch.
 */
package org.tracehub.hub.web;
