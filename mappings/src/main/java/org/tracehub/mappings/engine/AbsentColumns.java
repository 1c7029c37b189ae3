package org.tracehub.mappings.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.schemas.event.FieldNames;
import org.tracehub.schemas.event.RequiredFields;
import org.tracehub.schemas.event.Requirement;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;

/**
 * What the header check makes of columns that hold a value in no row of the file ({@code RecordReader.absentColumns}: an
 * XML export's paths that occur in no record). One that every row needs is refused as a CSV header without it is
 * ({@code FILE_HEADER_MISSING}): a natural-key path, a field the spec marks {@code required} without a default, or the
 * only source of a field the standard requires of every event of the file's category and step. Every row would be
 * rejected for it, and one file-level reason naming the path says what changed better than a rejection per row.
 * Another is a warning ({@code XML_PATH_ABSENT}) of the file as a whole, kept apart from the rows' problems (no row is at
 * fault; the batch keeps it, V36, and the receipt lists it on its own): an optional element may be absent
 * from every record of a small file for want of data (no batch released yet), so refusing would turn sound files away;
 * yet a renamed element loads every record without it, which the receipt must say. A spec makes an optional path one
 * the file is refused without by marking its field {@code required: true}.
 */
final class AbsentColumns {

    private AbsentColumns() {
    }

    /**
     * The warnings for {@code absent} columns the rows can do without, each with row 0 (of the file, not of a row);
     * throws FILE_HEADER_MISSING when one is needed by every row.
     */
    static List<RowError> judge(MappingSpec spec, FileSpec file, Set<String> absent) {
        if (absent.isEmpty()) {
            return List.of();
        }
        Map<String, String> needed = new LinkedHashMap<>();
        for (String column : file.key()) {
            if (absent.contains(column)) {
                needed.putIfAbsent(column, "唯一标识");
            }
        }
        for (FieldMapping m : file.fields()) {
            if (m.required() && m.defaultValue() == null && m.constant() == null && m.sourceColumn() != null
                    && absent.contains(m.sourceColumn())) {
                needed.putIfAbsent(m.sourceColumn(), FieldNames.chineseName(m.field().path()) + "，映射规定必填");
            }
        }
        for (Requirement r : RequiredFields.of(spec.category(), file.step())) {
            if (r.exemption() == null && r.anyOf().stream().allMatch(path -> alwaysEmpty(file, path, absent))) {
                for (String path : r.anyOf()) {
                    for (FieldMapping m : file.fields()) {
                        if (m.field().path().equals(path)) {
                            needed.putIfAbsent(m.sourceColumn(), FieldNames.chineseName(path) + "，标准规定必填");
                        }
                    }
                }
            }
        }
        if (!needed.isEmpty()) {
            List<String> named = new ArrayList<>();
            needed.forEach((column, why) -> named.add("“" + column + "”（" + why + "）"));
            List<String> others = absent.stream().filter(c -> !needed.containsKey(c)).map(c -> "“" + c + "”").toList();
            throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING, "文件中没有任何一条记录含有映射读取的" + String.join("、", named)
                    + (others.isEmpty() ? "" : "，也没有" + String.join("、", others))
                    + "：每条记录都会因此被拒绝，整个文件未处理。多半是导出格式已经变更（元素或属性改了名）：请核对导出程序，"
                    + "或联系平台管理员修改映射后重新发送", 0);
        }
        List<RowError> warnings = new ArrayList<>();
        for (String column : absent) {
            List<String> fields = file.fields().stream().filter(m -> reads(m, column)).map(m -> m.field().path()).distinct().toList();
            String what = fields.isEmpty() ? "该项" : String.join("、", fields.stream().map(FieldNames::chineseName).toList());
            warnings.add(new RowError(0, column, fields.isEmpty() ? null : String.join(",", fields), Severity.WARNING,
                    ErrorCodes.XML_PATH_ABSENT, "整个文件中没有任何一条记录含有“" + column + "”，所有记录的" + what
                    + "都按空值处理：如果导出格式已经变更（元素或属性改了名），请联系平台管理员修改映射后重新发送；"
                    + "如果本文件确实都没有这一项，可忽略此提示", null));
        }
        return warnings;
    }

    /** Whether a standard field gets no value in any row: mapped, and only from absent columns, with nothing to fall back on. */
    private static boolean alwaysEmpty(FileSpec file, String path, Set<String> absent) {
        boolean mapped = false;
        for (FieldMapping m : file.fields()) {
            if (m.field().path().equals(path)) {
                mapped = true;
                if (m.constant() != null || m.defaultValue() != null || m.expr() != null || m.sourceColumn() == null
                        || !absent.contains(m.sourceColumn())) {
                    return false;
                }
            }
        }
        return mapped;
    }

    private static boolean reads(FieldMapping m, String column) {
        return column.equals(m.sourceColumn()) || column.equals(m.unitColumn()) || column.equals(m.timeColumn());
    }
}
