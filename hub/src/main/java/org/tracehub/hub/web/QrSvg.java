package org.tracehub.hub.web;

import com.google.zxing.common.BitMatrix;

/**
 * A QR module matrix as SVG: a white background and one path of dark runs, one unit per module,
 * {@code shape-rendering="crispEdges"} so that scaling never blurs module edges. The output holds
 * numbers only, never the encoded text, so it can be inlined into a page as it is.
 */
final class QrSvg {

    private QrSvg() {
    }

    static String of(BitMatrix matrix, int size) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(',').append(y).append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size + "\" viewBox=\"0 0 " + width + " "
                + height + "\" shape-rendering=\"crispEdges\"><rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
