package org.tracehub.mappings.read;

import java.util.Arrays;

/**
 * The flawed cells of one row by 0-based column: few rows have any, so a reader keeps none ({@code null}) until the
 * first, and a row's flaws are never changed once it is handed on.
 */
public final class CellFlaws {

    private CellFlaw[] byColumn = new CellFlaw[0];

    private CellFlaws() {
    }

    /** The row's flaws with this one added: {@code flaws} itself, or new ones when it was null. */
    static CellFlaws with(CellFlaws flaws, int column, CellFlaw flaw) {
        CellFlaws f = flaws == null ? new CellFlaws() : flaws;
        if (column >= f.byColumn.length) {
            f.byColumn = Arrays.copyOf(f.byColumn, column + 1);
        }
        f.byColumn[column] = flaw;
        return f;
    }

    /** The flaw of the cell at this 0-based column, or null. */
    public CellFlaw at(int column) {
        return column >= 0 && column < byColumn.length ? byColumn[column] : null;
    }
}
