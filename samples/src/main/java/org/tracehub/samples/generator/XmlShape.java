package org.tracehub.samples.generator;

import java.util.List;
import java.util.Map;

/**
 * The fixed parts of an XML export. The record's columns ({@link SourceLayout#header()}) are paths
 * relative to the record: {@code name} (a child element's text), {@code name/@attr} (an attribute of
 * that child) or {@code @attr} (an attribute of the record itself).
 *
 * @param root      the document element
 * @param head      name of a block of head elements before the records, or null
 * @param headItems its child elements, in order; the value {@value #COUNT} is replaced by the record count
 * @param container the element wrapping the records, or null when they are children of the root
 * @param record    the record element
 */
public record XmlShape(String root, String head, List<Map.Entry<String, String>> headItems, String container, String record) {

    /** Placeholder in {@link #headItems()} for the number of records. */
    public static final String COUNT = "${count}";
}
