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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
