package org.tracehub.hub.console;

/**
 * Page arithmetic for the console's lists (page numbers start at 0).
 *
 * @param more the list holds more than {@code total} rows: its count stopped there ({@link #ofCountedUpTo})
 */
public record Pages(int page, int size, long total, boolean more) {

    public Pages(int page, int size, long total) {
        this(page, size, total, false);
    }

    public int offset() {
        return page * size;
    }

    public int last() {
        return total == 0 ? 0 : (int) ((total - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return more || page < last();
    }

    static Pages of(int requested, int size, long total) {
        int page = Math.max(0, requested);
        Pages p = new Pages(page, size, total);
        return page > p.last() ? new Pages(p.last(), size, total) : p;
    }

    /**
     * The page of a list counted no further than {@code beyondStart} rows past the requested page's start
     * ({@link #countLimit}): {@code counted} above that is shown as "more than" that many, and a page past the list's
     * end, counted exactly, is its last page.
     */
    static Pages ofCountedUpTo(int requested, int size, long beyondStart, long counted) {
        int page = Math.max(0, requested);
        long limit = countLimit(page, size, beyondStart);
        return counted >= limit ? new Pages(page, size, limit - 1, true) : of(page, size, counted);
    }

    /** What to count up to for the page: one row more than {@code beyondStart} past its start tells "more" from "exactly". */
    static long countLimit(int requested, int size, long beyondStart) {
        return (long) Math.max(0, requested) * size + beyondStart + 1;
    }
}
