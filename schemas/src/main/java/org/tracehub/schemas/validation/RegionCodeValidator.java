package org.tracehub.schemas.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GB/T 2260 administrative division codes, checked against the shipped code table
 * ({@code codes/gb2260.csv}), not by pattern alone. Codes retired by district mergers are warnings.
 */
public final class RegionCodeValidator implements IdentifierValidator {

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
    private static final RegionCodeValidator DEFAULT = new RegionCodeValidator();

    private final Map<String, String> names;
    private final Map<String, String> retired;
    /** A retired code's successor (the division it was merged into), where the table names one. */
    private final Map<String, String> replacedBy;

    public RegionCodeValidator() {
        this.names = column(rows("/codes/gb2260.csv"), 1);
        List<String[]> retiredRows = rows("/codes/gb2260-retired.csv");
        this.retired = column(retiredRows, 1);
        this.replacedBy = column(retiredRows, 2);
    }

    public static RegionCodeValidator instance() {
        return DEFAULT;
    }

    @Override
    public ValidationResult validate(String value) {
        if (value == null || !isSixDigits(value)) {
            return ValidationResult.error(ErrorCodes.REGION_FORMAT, "产地行政区划代码应为6位数字（GB/T 2260）", value);
        }
        if (names.containsKey(value)) {
            return ValidationResult.valid(value);
        }
        if (retired.containsKey(value)) {
            String successor = replacedBy.get(value);
            String current = successor != null && names.containsKey(successor)
                    ? "现行代码" + successor + "（" + names.get(successor) + "）" : "现行代码";
            return ValidationResult.warning(ErrorCodes.REGION_UNKNOWN,
                    "行政区划代码" + value + "（" + retired.get(value) + "）已撤销，请更新为" + current, value);
        }
        return ValidationResult.error(ErrorCodes.REGION_UNKNOWN, "行政区划代码" + value + "不在GB/T 2260代码表中", value);
    }

    /** {@code \\d{6}} without a regular expression: every row with an origin comes here. */
    private static boolean isSixDigits(String value) {
        if (value.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether a two-digit prefix is a province-level division of the current table (31 → 上海市). */
    public boolean isCurrentProvince(String prefix) {
        return prefix != null && TWO_DIGITS.matcher(prefix).matches() && names.containsKey(prefix + "0000");
    }

    /** How many current codes the table holds (provinces, prefectures and counties). */
    public int size() {
        return names.size();
    }

    /** The division's name, e.g. 310115 → 浦东新区; retired codes keep their old name. */
    public Optional<String> nameOf(String code) {
        return Optional.ofNullable(names.getOrDefault(code, retired.get(code)));
    }

    /** The table's rows after its header line, split at commas. */
    private static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = RegionCodeValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("code table missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Code → the value of a column, for the rows that have one. */
    private static Map<String, String> column(List<String[]> rows, int column) {
        Map<String, String> map = new HashMap<>();
        for (String[] cells : rows) {
            if (cells.length > column && !cells[column].isBlank()) {
                map.put(cells[0], cells[column]);
            }
        }
        return Map.copyOf(map);
    }
}
