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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GB/T 2260 administrative division codes, checked against the shipped code table
 * ({@code codes/gb2260.csv}), not by pattern alone. Codes retired by district mergers are warnings: Shanghai's are
 * listed with their successors ({@code codes/gb2260-retired.csv}); elsewhere the table's history is not shipped, so a
 * code missing from the current table whose prefecture or province is current may be a retired one and is a warning
 * too ({@link ErrorCodes#REGION_NOT_CURRENT}). A code whose province is not current is an error.
 */
public final class RegionCodeValidator implements IdentifierValidator {

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
    /**
     * Provinces whose retired codes {@code gb2260-retired.csv} lists in full (every merger since 1988): a code of theirs
     * in neither table is no retired code but a mistake, and stays an error.
     */
    private static final Set<String> RETIRED_LISTED_IN_FULL = Set.of("31");
    /** Prefecture-level rows that name no place of their own (a municipality's 市辖区): the province names the code. */
    private static final Set<String> NO_PLACE_NAMES = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");
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
        String province = value.substring(0, 2);
        if (names.containsKey(province + "0000") && !RETIRED_LISTED_IN_FULL.contains(province)) {
            // 莱芜市莱城区 (371202, merged into 济南 in 2019), 密云县 (110228): legacy systems keep the code they were set up
            // with, and without the table's history a retired code cannot be told from a slip, so the row is kept
            return ValidationResult.warning(ErrorCodes.REGION_NOT_CURRENT, "行政区划代码" + value
                    + "不在现行GB/T 2260代码表中，可能为已撤销的旧代码（" + parentName(value) + "），请核对", value);
        }
        return ValidationResult.error(ErrorCodes.REGION_UNKNOWN, "行政区划代码" + value + "不在GB/T 2260代码表中", value);
    }

    /** The current divisions a code lies in, as a clerk knows them: 山东省, 浙江省杭州市. */
    private String parentName(String value) {
        String name = names.get(value.substring(0, 2) + "0000");
        String prefecture = names.get(value.substring(0, 4) + "00");
        return prefecture == null || NO_PLACE_NAMES.contains(prefecture) ? name : name + prefecture;
    }

    /**
     * Whether the code is in the current table or among the listed retired codes: a division known to have existed.
     * {@link #validate} also lets through, with a warning, codes that may have been retired elsewhere; a code that
     * must name a real division (an equipment registration's district) asks this.
     */
    public boolean isListed(String code) {
        return code != null && (names.containsKey(code) || retired.containsKey(code));
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
