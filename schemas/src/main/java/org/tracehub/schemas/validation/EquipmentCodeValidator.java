package org.tracehub.schemas.validation;

import java.time.Clock;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * Special-equipment identifiers (elevators, cylinders, boilers …), each length checked by its own
 * rule. None of them has a check digit, so the checks are structural: symbols, a known region,
 * a plausible date.
 * <ul>
 * <li>18 characters, 设备代码 per TSG 08-2017: product code (4 digits, first 1–9, from the
 * 特种设备目录) + manufacturer code (2-digit licensing region — {@code 10} national or a GB/T 2260
 * province — and a 3-digit licence sequence) + year of manufacture (1950 … this year) + sequence
 * (5 symbols {@code 0-9A-Z}: letters take over past 99999).</li>
 * <li>20 digits, Shanghai 注册代码: class (4 digits, the first 1 boiler, 2 pressure vessel,
 * 3 elevator, 4 crane, 5 amusement ride) + registering region (GB/T 2260, current or retired:
 * a registration keeps the district it was made in) + YYYYMM (1950-01 … this month) + sequence (4).</li>
 * <li>21 characters, older national codes: their layout is not published (STANDARDS.md), so only
 * the structure we can justify is checked — 21 symbols from {@code 0-9A-Z}.</li>
 * </ul>
 */
public final class EquipmentCodeValidator implements IdentifierValidator {

    private static final Pattern CODE_18 = Pattern.compile("[1-9]\\d{3}\\d{5}\\d{4}[0-9A-Z]{5}");
    private static final Pattern CODE_20 = Pattern.compile("[1-5]\\d{19}");
    private static final Pattern CODE_21 = Pattern.compile("[0-9A-Z]{21}");

    static final int FIRST_YEAR = 1950;
    private static final String NATIONAL_LICENCE_REGION = "10";

    private final Clock clock;
    private final RegionCodeValidator regions;

    public EquipmentCodeValidator(Clock clock) {
        this(clock, RegionCodeValidator.instance());
    }

    public EquipmentCodeValidator(Clock clock, RegionCodeValidator regions) {
        this.clock = clock;
        this.regions = regions;
    }

    @Override
    public ValidationResult validate(String value) {
        EquipmentCodeKind kind = value == null ? null : EquipmentCodeKind.ofLength(value.length());
        if (kind == null) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_LENGTH,
                    "特种设备代码应为18位（设备代码）、20位（注册代码）或21位（旧版代码），实际为" + (value == null ? 0 : value.length()) + "位",
                    value);
        }
        return switch (kind) {
            case EQUIPMENT_CODE -> equipmentCode(value);
            case REGISTRATION_CODE -> registrationCode(value);
            case LEGACY_CODE -> legacyCode(value);
        };
    }

    /** The kind a value's length suggests; says nothing about validity. */
    public static EquipmentCodeKind kindOf(String value) {
        return value == null ? null : EquipmentCodeKind.ofLength(value.length());
    }

    private ValidationResult equipmentCode(String value) {
        if (!CODE_18.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_FORMAT,
                    "设备代码（18位）应为：产品代码4位数字 + 制造单位代码5位数字 + 制造年份4位 + 顺序号5位（数字或大写字母）", value);
        }
        String licenceRegion = value.substring(4, 6);
        if (!licenceRegion.equals(NATIONAL_LICENCE_REGION) && !regions.isCurrentProvince(licenceRegion)) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_REGION,
                    "设备代码第5-6位（制造许可地区“" + licenceRegion + "”）既不是10（国家）也不是省级行政区划代码", value);
        }
        int year = Integer.parseInt(value.substring(9, 13));
        int thisYear = YearMonth.now(clock).getYear();
        if (year < FIRST_YEAR || year > thisYear) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_DATE,
                    "设备代码第10-13位（制造年份" + year + "）应在" + FIRST_YEAR + "年至" + thisYear + "年之间", value);
        }
        return ValidationResult.valid(value);
    }

    private ValidationResult registrationCode(String value) {
        if (!CODE_20.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_FORMAT,
                    "注册代码（20位）应全为数字，第1位为设备类别1-5（锅炉、压力容器、电梯、起重机械、游乐设施）", value);
        }
        String region = value.substring(4, 10);
        // a registration's district is one that exists or existed: the table or the retired list, not a code that merely
        // lies in a current province (which an origin may carry with a warning)
        if (!regions.isListed(region)) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_REGION,
                    "注册代码第5-10位（注册地“" + region + "”）不在GB/T 2260行政区划代码表中", value);
        }
        int year = Integer.parseInt(value.substring(10, 14));
        int month = Integer.parseInt(value.substring(14, 16));
        YearMonth now = YearMonth.now(clock);
        if (year < FIRST_YEAR || month < 1 || month > 12 || YearMonth.of(year, month).isAfter(now)) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_DATE,
                    "注册代码第11-16位（注册年月" + value.substring(10, 16) + "）不是" + FIRST_YEAR + "年1月至今的有效年月", value);
        }
        return ValidationResult.valid(value);
    }

    private static ValidationResult legacyCode(String value) {
        if (!CODE_21.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.EQUIPMENT_CODE_FORMAT,
                    "21位旧版设备代码只能由数字和大写字母组成", value);
        }
        return ValidationResult.valid(value);
    }
}
