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

    private EventIds() {
    }

    /** First 128 bits of SHA-256(sourceId US key1 US key2 …), as 32 lower-case hex digits. */
    public static String of(String sourceId, List<String> naturalKey) {
        StringBuilder text = new StringBuilder(sourceId);
        for (String part : naturalKey) {
            text.append(SEPARATOR).append(part == null ? "" : part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
