package org.tracehub.mappings.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tracehub.mappings.read.TextNormalizer;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.ResidentIdNumbers;
import org.tracehub.schemas.validation.UsccValidator;

/**
 * A row refused because a business's code is a citizen identity number ({@code USCC_IS_PERSONAL_ID}) keeps the number
 * only masked, as {@code 310115********1234}, in its problem's value ({@code batch_error.raw_value}) and its cells as
 * read ({@code rejected_row}): both are stored for the archive's lifetime and shown on the console, the receipt and the
 * error report, while the hub never stores a person's number. The region and the last four digits are kept so that
 * the clerk finds the row and the cell; the file as sent still has the number.
 */
final class PersonalIdCells {

    private PersonalIdCells() {
    }

    static ConvertedRow.Rejected masked(ConvertedRow.Rejected row) {
        if (row.errors().stream().noneMatch(e -> ErrorCodes.USCC_IS_PERSONAL_ID.equals(e.code()))) {
            return row;
        }
        List<RowError> errors = new ArrayList<>(row.errors().size());
        for (RowError e : row.errors()) {
            errors.add(ErrorCodes.USCC_IS_PERSONAL_ID.equals(e.code()) && e.value() != null
                    ? new RowError(e.row(), e.column(), e.field(), e.severity(), e.code(), e.message(), ResidentIdNumbers.masked(e.value()))
                    : e);
        }
        List<String> cells = new ArrayList<>(row.cells().size());
        for (String cell : row.cells()) {
            cells.add(cell != null && UsccValidator.isPersonalId(TextNormalizer.normalize(cell)) ? ResidentIdNumbers.masked(cell) : cell);
        }
        return new ConvertedRow.Rejected(row.row(), List.copyOf(errors), Collections.unmodifiableList(cells));
    }
}
