package org.tracehub.hub.web;

import java.util.List;

/**
 * A printable sheet of QR labels for one batch: one label per accepted (loaded) lot, a page of {@code size} lots at a
 * time ({@code page} from 1 of {@code pages}; {@code total} lots in all).
 *
 * @param svg the QR code as inline SVG (numbers only, see {@link QrSvg})
 */
public record LabelSheet(String batchId, String sourceId, String fileName, String status, List<Label> labels, long total, int page,
                         int pages, int size) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public record Label(String traceCode, String product, String url, String svg) {
    }
}
