package org.tracehub.schemas.unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Units that Chinese legacy exports actually use, each with its UN/ECE Recommendation 20 target
 * and an exact decimal factor. 斤 and 两 are the market units (1 斤 = 0.5 kg, 1 两 = 50 g). Packages
 * (瓶, 袋, 箱 …) are counted as pieces: the standard records how many, not what each holds.
 */
public enum LegacyUnit {
    JIN("KGM", "0.5", "斤", "市斤"),
    LIANG("KGM", "0.05", "两", "市两"),
    KILOGRAM("KGM", "1", "公斤", "千克", "kg", "KGM"),
    GRAM("KGM", "0.001", "克", "g", "GRM"),
    MILLIGRAM("KGM", "0.000001", "毫克", "mg", "MGM"),
    TONNE("TNE", "1", "吨", "公吨", "t", "TNE"),
    LITRE("LTR", "1", "升", "公升", "L", "LTR"),
    MILLILITRE("LTR", "0.001", "毫升", "ml", "MLT"),
    HEAD("PCE", "1", "头"),
    PIECE("PCE", "1", "只", "个", "件", "瓶", "罐", "袋", "盒", "包", "桶", "箱", "条", "尾", "羽", "枚", "支", "台", "部", "PCE"),
    MEGAPASCAL("MPA", "1", "兆帕", "MPa");

    private final String standardUnit;
    private final BigDecimal factor;
    private final String[] aliases;

    LegacyUnit(String standardUnit, String factor, String... aliases) {
        this.standardUnit = standardUnit;
        this.factor = new BigDecimal(factor);
        this.aliases = aliases;
    }

    public String standardUnit() {
        return standardUnit;
    }

    /** The names this unit is recognised by, besides its enum name. */
    public List<String> aliases() {
        return List.of(aliases);
    }

    /** The exact factor into {@link #standardUnit()}. */
    public BigDecimal factor() {
        return factor;
    }

    /** The value in the standard unit, exact: 12.5 斤 → 6.25 KGM; 200 斤 → 100 KGM (never 1E+2). */
    public BigDecimal toStandard(BigDecimal value) {
        BigDecimal result = value.multiply(factor).stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    /**
     * A price per this unit as a price per {@link #standardUnit()}: divided by the factor that {@link #toStandard}
     * multiplies the quantity by, so quantity × price is still the amount paid (13.20 元/斤 → 26.40 元/KGM). Exact — every
     * factor's reciprocal is a terminating decimal — and with at least the price's own decimals (26.40, not 26.4); a
     * factor added later whose reciprocal does not terminate is rounded half up to 6 decimals more than the price has.
     */
    public BigDecimal pricePerStandardUnit(BigDecimal price) {
        BigDecimal result;
        try {
            result = price.divide(factor);
        } catch (ArithmeticException nonTerminating) {
            return price.divide(factor, price.scale() + 6, RoundingMode.HALF_UP);
        }
        result = result.stripTrailingZeros();
        return result.setScale(Math.max(price.scale(), Math.max(result.scale(), 0)));
    }

    /** By enum name (JIN), Chinese name (斤) or common abbreviation (kg), case-insensitive for Latin letters. */
    public static Optional<LegacyUnit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        return Arrays.stream(values())
                .filter(u -> u.name().equalsIgnoreCase(t)
                        || Arrays.stream(u.aliases).anyMatch(a -> a.equals(t) || a.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))))
                .findFirst();
    }
}
