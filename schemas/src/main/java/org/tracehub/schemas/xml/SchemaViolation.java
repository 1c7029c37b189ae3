package org.tracehub.schemas.xml;

/** One place where a document breaks the XSD: line and column (1-based) and the parser's message. */
public record SchemaViolation(long line, long column, String message) {
}
