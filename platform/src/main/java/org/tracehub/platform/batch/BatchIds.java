package org.tracehub.platform.batch;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Batch ids a clerk can read over the phone and that sort by time: {@code 20261127-1f3a9c0b2d}.
 * The random part makes them unique across nodes without coordination.
 */
public final class BatchIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private BatchIds() {
    }

    public static String next(OffsetDateTime receivedAt) {
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        return receivedAt.format(DAY) + "-" + HexFormat.of().formatHex(random);
    }

    /** Ids are used in paths and URLs; anything else from outside is refused. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("\\d{8}-[0-9a-f]{10}");
    }
}
