package org.tracehub.mappings.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.event.FieldNames;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;

/**
 * Whether the columns a spec reads by position ({@code index}) still hold what they held in the source's previous file.
 * A column read by name is found wherever the sender moves it, and a missing one is refused; one read by position is
 * read from whatever the sender put there, so a column inserted before it loads every row's value into the wrong field
 * without a single rejection. The header row of a file read by position is unusable as names (garbled, repeated) but is
 * still the same text from one export to the next: a title at a read position that differs from the previous loaded
 * file's is the one sign the hub gets. A warning of the file as a whole ({@code INDEX_COLUMN_CHANGED}), not a refusal:
 * a sender may retitle a column without moving anything.
 */
public final class PositionedColumnsCheck {

    private PositionedColumnsCheck() {
    }

    /**
     * The file warnings for the positions {@code file} reads whose title in {@code current} differs from that in
     * {@code previous}, the header of the source's previous loaded file ({@code previousFile} names it for the sender);
     * none when the spec reads nothing by position.
     */
    public static List<RowError> compare(FileSpec file, List<String> previous, List<String> current, String previousFile) {
        Map<Integer, List<String>> fieldsAt = new TreeMap<>();
        for (FieldMapping m : file.fields()) {
            if (m.index() > 0) {
                fieldsAt.computeIfAbsent(m.index(), i -> new ArrayList<>()).add(m.field().path());
            }
        }
        List<RowError> warnings = new ArrayList<>();
        fieldsAt.forEach((index, fields) -> {
            String before = titleAt(previous, index);
            String now = titleAt(current, index);
            if (!before.equals(now)) {
                String what = String.join("、", fields.stream().distinct().map(FieldNames::chineseName).toList());
                warnings.add(new RowError(0, "第" + index + "列", String.join(",", fields.stream().distinct().toList()),
                        Severity.WARNING, ErrorCodes.INDEX_COLUMN_CHANGED,
                        "映射按位置读取第" + index + "列作为" + what + "，该列的表头在上次接收的文件（" + previousFile + "）中为“"
                                + before + "”，本文件中为“" + now + "”：如果发送方插入、删除或调换了列，本文件所有记录的" + what
                                + "都会读错。请核对本批次的数据，并联系平台管理员核对映射规则；如果只是表头文字改了，可忽略此提示",
                        now));
            }
        });
        return warnings;
    }

    private static String titleAt(List<String> header, int index) {
        return index <= header.size() && header.get(index - 1) != null ? header.get(index - 1).strip() : "";
    }
}
