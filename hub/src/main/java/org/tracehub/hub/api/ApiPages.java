package org.tracehub.hub.api;

/** The row offset of an API page: a negative page is the first, one beyond every row an empty page, never an overflow. */
final class ApiPages {

    private ApiPages() {
    }

    static int offset(int page, int size) {
        return (int) Math.min((long) Math.max(page, 0) * size, Integer.MAX_VALUE);
    }
}
