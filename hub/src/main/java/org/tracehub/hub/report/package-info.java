/**
 * The error report of a batch as an XLSX workbook, written streaming (POI SXSSF): one row per rejected
 * row with its raw values and every problem, every cell plain text so a spreadsheet evaluates nothing.
 */
package org.tracehub.hub.report;
