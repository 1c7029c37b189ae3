package org.tracehub.schemas.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic event ids: the same source and natural key always give the same id, so a re-sent
 * row updates its event instead of duplicating it.
 */
public final class EventIds {

    private static final char SEPARATOR = '\u001f';
    /**
     * The longest record key the store keeps as text; a longer one is kept as its event id. Small
     * enough for every database's index entry limit in any script (PostgreSQL: about 2,700 bytes).
     */
    public static final int MAX_RECORD_KEY = 200;
    /** One digest per thread: looking the algorithm up for every row of a large file costs more than hashing the row. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventIds::sha256);

    private EventIds() {
    }

    /** First 128 bits of SHA-256(sourceId US key1 US key2 …), as 32 lower-case hex digits. */
    public static String of(String sourceId, List<String> naturalKey) {
        // part by part: the UTF-8 of the joined text is the UTF-8 of its parts and one-byte separators
        MessageDigest sha = SHA_256.get();
        sha.update(sourceId.getBytes(StandardCharsets.UTF_8));
        for (String part : naturalKey) {
            sha.update((byte) SEPARATOR);
            if (part != null) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * The record's identity within its source as the store indexes it: the text hashed after the source
     * id ({@code US key1 US key2 …}, so it always starts with U+001F), or the event id (hex digits) when
     * that text is longer than {@link #MAX_RECORD_KEY}. Either way one value per natural key, so the same
     * record always finds its stored event. Legacy exports number their records in order (voucher numbers,
     * dates), so new keys land next to each other in the store's B-tree where the hash would put every
     * insert on a random page.
     */
    public static String recordKey(String sourceId, List<String> naturalKey) {
        if (naturalKey.isEmpty()) {
            return of(sourceId, naturalKey);
        }
        StringBuilder key = new StringBuilder();
        for (String part : naturalKey) {
            key.append(SEPARATOR);
            if (part != null) {
                key.append(part);
            }
            if (key.length() > MAX_RECORD_KEY) {
                return of(sourceId, naturalKey);
            }
        }
        return key.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
