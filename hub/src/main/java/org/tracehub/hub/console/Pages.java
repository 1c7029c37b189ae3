package org.tracehub.hub.console;

import java.util.function.LongUnaryOperator;

/**
 * Page arithmetic for the console's lists (page numbers start at 0).
 *
 * @param more the list holds more than {@code total} rows: its count stopped there ({@link #ofCountedUpTo})
 */
public record Pages(int page, int size, long total, boolean more) {

    /**
     * The most rows a list page may start past, API and console alike: a page is read with OFFSET, which reads and throws
     * away every row before it (on PostgreSQL OFFSET 1,000,000 of the batch list read for a second, 71,000 pages; a problem
     * list evaluates its row's EXISTS for each). Deeper, the list is narrowed instead (from/to, source, status, batch), whose
     * pages start at its own newest rows.
     */
    public static final int MAX_ROWS_SKIPPED = 10_000;

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
        return goesOn() && page < deepest(size);
    }

    /** The list goes on past this page, the deepest one it may show ({@link #MAX_ROWS_SKIPPED}): the pager says to narrow it. */
    public boolean stopsAtDepth() {
        return goesOn() && page >= deepest(size);
    }

    private boolean goesOn() {
        return more || page < last();
    }

    /** The deepest page (from 0) of {@code size} rows a list shows. */
    public static int deepest(int size) {
        return MAX_ROWS_SKIPPED / Math.max(size, 1);
    }

    private static int shown(int requested, int size) {
        return Math.min(Math.max(0, requested), deepest(size));
    }

    static Pages of(int requested, int size, long total) {
        int page = shown(requested, size);
        Pages p = new Pages(page, size, total);
        return page > p.last() ? new Pages(p.last(), size, total) : p;
    }

    /**
     * The console's lists count this many rows past a page's start at most and say "more than" beyond: on PostgreSQL a
     * count reads every row it counts (seconds a view of an unfiltered list two years old), and "more than 10000" tells an
     * admin as much as the exact number.
     */
    static final long COUNTED_BEYOND_PAGE = 10_000;

    /**
     * The page of a list whose {@code countUpTo} counts its rows no further than the number it is given
     * ({@code CountUpTo} in the store): at most {@link #COUNTED_BEYOND_PAGE} past the requested page's start.
     */
    static Pages countedUpTo(int requested, int size, LongUnaryOperator countUpTo) {
        int page = shown(requested, size);
        return ofCountedUpTo(page, size, COUNTED_BEYOND_PAGE, countUpTo.applyAsLong(countLimit(page, size, COUNTED_BEYOND_PAGE)));
    }

    /**
     * The page of a list counted no further than {@code beyondStart} rows past the requested page's start
     * ({@link #countLimit}): {@code counted} above that is shown as "more than" that many, and a page past the list's
     * end, counted exactly, is its last page.
     */
    private static Pages ofCountedUpTo(int requested, int size, long beyondStart, long counted) {
        int page = shown(requested, size);
        long limit = countLimit(page, size, beyondStart);
        return counted >= limit ? new Pages(page, size, limit - 1, true) : of(page, size, counted);
    }

    /** What to count up to for the page: one row more than {@code beyondStart} past its start tells "more" from "exactly". */
    private static long countLimit(int requested, int size, long beyondStart) {
        return (long) Math.max(0, requested) * size + beyondStart + 1;
    }
}
