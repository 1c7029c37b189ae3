package org.tracehub.schemas.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * GB/T 2260 administrative division codes, checked against the shipped code table
 * ({@code codes/gb2260.csv}), not by pattern alone. Codes retired by district mergers are warnings: Shanghai's are
 * listed with their successors ({@code codes/gb2260-retired.csv}); elsewhere the table's history is not shipped, so a
 * code missing from the current table whose prefecture or province is current may be a retired one and is a warning
 * too ({@link ErrorCodes#REGION_NOT_CURRENT}). A code whose province is not current is an error.
 *
 * <p>A listed retired code is no warning on an event that happened before the year it was retired in
 * ({@link #validate(String, OffsetDateTime)}): the code was current then. Codes a release does not carry yet can be added
 * by the deployment ({@link #withExtraCodes}).
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
    /**
     * The calendar a retirement year counts in: the State Council's approval of a merger is dated in Beijing time, so an
     * event at 2015-01-01T01:00+08:00 (17:00 UTC the day before) lies in 2015.
     */
    private static final ZoneId RETIREMENT_CALENDAR = ZoneId.of("Asia/Shanghai");
    private static final RegionCodeValidator DEFAULT = new RegionCodeValidator();
    private static volatile RegionCodeValidator inProcess = DEFAULT;

    private final Map<String, String> names;
    private final Map<String, String> retired;
    /** A retired code's successor (the division it was merged into), where the table names one. */
    private final Map<String, String> replacedBy;
    /** The year a retired code stopped being current (the {@code retired} column: the merger's year). */
    private final Map<String, Integer> retiredIn;
    /** Codes the deployment added to the shipped table ({@link #withExtraCodes}), in code order. */
    private final Map<String, String> extra;
    /** Codes the deployment asked to add that the shipped table carries already (a release since), code → shipped name. */
    private final Map<String, String> shippedSince;

    public RegionCodeValidator() {
        this.names = column(rows("/codes/gb2260.csv"), 1);
        List<String[]> retiredRows = rows("/codes/gb2260-retired.csv");
        this.retired = column(retiredRows, 1);
        this.replacedBy = column(retiredRows, 2);
        Map<String, Integer> years = new HashMap<>();
        column(retiredRows, 3).forEach((code, year) -> years.put(code, Integer.valueOf(year.strip())));
        this.retiredIn = Map.copyOf(years);
        this.extra = Map.of();
        this.shippedSince = Map.of();
    }

    /** The shipped tables with {@code extra} (checked) added to the current one. */
    private RegionCodeValidator(RegionCodeValidator shipped, Map<String, String> extra, Map<String, String> shippedSince) {
        Map<String, String> all = new HashMap<>(shipped.names);
        all.putAll(extra);
        this.names = Map.copyOf(all);
        this.retired = shipped.retired;
        this.replacedBy = shipped.replacedBy;
        this.retiredIn = shipped.retiredIn;
        this.extra = Collections.unmodifiableMap(new TreeMap<>(extra));
        this.shippedSince = Collections.unmodifiableMap(new TreeMap<>(shippedSince));
    }

    /**
     * The table of this process: the shipped one, with a deployment's extra codes once the hub or a command has read them
     * ({@link #useInProcess}). The rules' default, the spec loader's check of constant origins and the consumer page's
     * place names all read it, so none of them differs from the server's rules.
     */
    public static RegionCodeValidator instance() {
        return inProcess;
    }

    /** The table in the jar, without a deployment's additions. */
    public static RegionCodeValidator shipped() {
        return DEFAULT;
    }

    /** Makes {@code table} (the shipped one {@link #withExtraCodes with extra codes}) what {@link #instance()} gives. */
    public static void useInProcess(RegionCodeValidator table) {
        inProcess = java.util.Objects.requireNonNull(table);
    }

    /**
     * The shipped table plus current codes it does not carry yet, code → name: a division created after the release (a
     * new Shanghai district would otherwise be {@link ErrorCodes#REGION_UNKNOWN} until the next one). Each code must look
     * like a county or prefecture code of a current province and not be a retired one (it cannot come back). A code the
     * shipped table carries already is left out, not refused: a release that ships a code an admin had added must not
     * stop the hub on upgrade ({@link #shippedSince} names them, so that the start can say the setting may go).
     *
     * @throws IllegalArgumentException naming every code refused and why, in Chinese (an admin reads it at start-up)
     */
    public static RegionCodeValidator withExtraCodes(Map<String, String> extra) {
        RegionCodeValidator shipped = DEFAULT;
        List<String> problems = new ArrayList<>();
        Map<String, String> added = new TreeMap<>();
        Map<String, String> shippedSince = new TreeMap<>();
        new TreeMap<>(extra).forEach((code, name) -> {
            String problem = shipped.extraCodeProblem(code, name);
            if (problem == null && shipped.names.containsKey(code)) {
                shippedSince.put(code, shipped.names.get(code));
            } else if (problem != null) {
                problems.add(problem);
            } else {
                added.put(code, name.strip());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("；", problems));
        }
        return added.isEmpty() && shippedSince.isEmpty() ? shipped : new RegionCodeValidator(shipped, added, shippedSince);
    }

    private String extraCodeProblem(String code, String name) {
        if (code == null || !isSixDigits(code)) {
            return "“" + code + "”不是6位数字的行政区划代码";
        }
        if (!isCurrentProvince(code.substring(0, 2)) || code.endsWith("0000")) {
            return code + "不是现行省级行政区划下的地级或县级代码（前两位" + code.substring(0, 2) + "）";
        }
        if (retired.containsKey(code)) {
            return code + "是已撤销的代码（" + retired.get(code) + "，" + retiredIn.get(code) + "年撤销），不能作为现行代码添加";
        }
        if (name == null || name.isBlank()) {
            return code + "缺少名称";
        }
        return null;
    }

    /** Codes {@link #withExtraCodes} was given that the shipped table carries already, code → the table's name. */
    public Map<String, String> shippedSince() {
        return shippedSince;
    }

    /** The codes {@link #withExtraCodes} added to the shipped table, code → name; empty for the shipped table. */
    public Map<String, String> extraCodes() {
        return extra;
    }

    @Override
    public ValidationResult validate(String value) {
        return validate(value, null);
    }

    /**
     * The code as of the event it belongs to: a retired code is no warning on an event before the year it was retired in
     * (310108 闸北区 on a 2014 event; the column holds only the year, and the merger took effect during it, so from the
     * first day of that year on it is a warning, which says so when the event lies in that year). Without an event
     * time, as {@link #validate(String)}: a retired code is a warning.
     */
    @Override
    public ValidationResult validate(String value, OffsetDateTime eventTime) {
        if (value == null || !isSixDigits(value)) {
            return ValidationResult.error(ErrorCodes.REGION_FORMAT, "产地行政区划代码应为6位数字（GB/T 2260）", value);
        }
        if (names.containsKey(value)) {
            return ValidationResult.valid(value);
        }
        if (retired.containsKey(value)) {
            return retiredCode(value, eventTime);
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

    private ValidationResult retiredCode(String value, OffsetDateTime eventTime) {
        Integer year = eventTime == null ? null : retiredIn.get(value);
        int eventYear = year == null ? 0 : eventTime.atZoneSameInstant(RETIREMENT_CALENDAR).getYear();
        if (year != null && eventYear < year) {
            return ValidationResult.valid(value);
        }
        String successor = replacedBy.get(value);
        String current = successor != null && names.containsKey(successor)
                ? "现行代码" + successor + "（" + names.get(successor) + "）" : "现行代码";
        String when = year == null ? "已撤销" : "已于" + year + "年撤销";
        // the year holds the merger's date somewhere inside it: a row of that year may be from before it
        String inThatYear = year != null && eventYear == year ? "（本行发生于" + year + "年，如在撤销之前，可不必更改）" : "";
        return ValidationResult.warning(ErrorCodes.REGION_UNKNOWN,
                "行政区划代码" + value + "（" + retired.get(value) + "）" + when + "，请更新为" + current + inThatYear, value);
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
