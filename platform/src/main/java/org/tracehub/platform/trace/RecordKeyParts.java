package org.tracehub.platform.trace;

import java.util.List;

/** The values of a record key as stored ({@code EventIds.recordKey}): each after a U+001F, or an event id (no values). */
final class RecordKeyParts {

    private static final char SEPARATOR = '\u001f';

    private RecordKeyParts() {
    }

    /** The key's values in key order; empty when the store keeps the key as its event id (a key past 200 characters). */
    static List<String> of(String recordKey) {
        if (recordKey == null || recordKey.isEmpty() || recordKey.charAt(0) != SEPARATOR) {
            return List.of();
        }
        return List.of(recordKey.substring(1).split(String.valueOf(SEPARATOR), -1));
    }
}
