package org.tracehub.hub.web;

import java.util.List;

/**
 * A printable sheet of QR labels for one batch: one label per accepted (loaded) lot.
 *
 * @param svg the QR code as inline SVG (numbers only, see {@link QrSvg})
 */
public record LabelSheet(String batchId, String sourceId, String fileName, String status, List<Label> labels) {

    public record Label(String traceCode, String product, String url, String svg) {
    }
}
