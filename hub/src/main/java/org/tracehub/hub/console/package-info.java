/**
 * The admin console at {@code /console} (Chinese, server-rendered with Thymeleaf, no external CDN):
 * dashboard with a daily chart drawn as SVG by the hub, batch list and page with live progress,
 * rejected rows, downloads and reprocess/retry, source pages, spec dry run, audit log.
 */
package org.tracehub.hub.console;
