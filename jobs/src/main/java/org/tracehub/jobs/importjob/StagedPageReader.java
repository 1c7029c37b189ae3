package org.tracehub.jobs.importjob;

import java.io.Reader;
import java.util.List;

/**
 * A load page's staged events read as one document, {@code <page>…</page>}, straight from their
 * strings. Joining them first made a string of the whole page (about 1 MB of UTF-16 for 500 events
 * with Chinese names), and its builder's growth and copies were G1 humongous allocations, several
 * per page: each one can start a concurrent marking cycle of the whole heap (bench/README, finding 21).
 */
final class StagedPageReader extends Reader {

    private static final String OPEN = "<page>";
    private static final String CLOSE = "</page>";

    private final List<String> payloads;
    /** -1: the opening tag; 0 … size-1: a payload; size: the closing tag; beyond: the end. */
    private int part = -1;
    private String current = OPEN;
    private int position;

    StagedPageReader(List<String> payloads) {
        this.payloads = payloads;
    }

    @Override
    public int read(char[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (current != null && position == current.length()) {
            next();
        }
        if (current == null) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        current.getChars(position, position + n, target, offset);
        position += n;
        return n;
    }

    private void next() {
        part++;
        position = 0;
        if (part < payloads.size()) {
            current = payloads.get(part);
        } else if (part == payloads.size()) {
            current = CLOSE;
        } else {
            current = null;
        }
    }

    @Override
    public void close() {
        current = null;
    }
}
