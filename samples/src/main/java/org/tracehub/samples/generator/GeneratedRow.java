package org.tracehub.samples.generator;

import java.util.List;

/**
 * One generated data row (or XML record) and whether a mistake was planted in it.
 *
 * @param cells   the cells in the layout's column order
 * @param mistake what is wrong with the row, or null for a good row
 */
public record GeneratedRow(List<CellValue> cells, String mistake) {

    public boolean bad() {
        return mistake != null;
    }
}
