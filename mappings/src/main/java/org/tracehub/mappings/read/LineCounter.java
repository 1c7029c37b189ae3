package org.tracehub.mappings.read;

/**
 * Counts the lines of decoded text as a text editor does: {@code \n}, {@code \r\n} and a lone {@code \r} (exports of
 * old Mac systems) each end one, so that a line a message names is the line the clerk finds.
 */
final class LineCounter {

    private long line = 1;
    private boolean afterCr;

    void accept(char c) {
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            afterCr = false;
        } else if (c == '\r') {
            line++;
            afterCr = true;
        } else {
            afterCr = false;
        }
    }

    /** The 1-based line the next character is on. */
    long line() {
        return line;
    }
}
