package org.tracehub.hub.console;

/** Page arithmetic for the console's lists (page numbers start at 0). */
public record Pages(int page, int size, long total) {

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
        return page < last();
    }

    static Pages of(int requested, int size, long total) {
        int page = Math.max(0, requested);
        Pages p = new Pages(page, size, total);
        return page > p.last() ? new Pages(p.last(), size, total) : p;
    }
}
