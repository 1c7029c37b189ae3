package org.tracehub.schemas.unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Units that Chinese legacy exports actually use, each with its UN/ECE Recommendation 20 target
 * and an exact decimal factor. 斤 and 两 are the market units (1 斤 = 0.5 kg, 1 两 = 50 g).
 * <p>
 * A package is counted in its own unit, never as pieces: a lot made as 8,600 瓶 and shipped as 120 件 (cases of 72)
 * under one unit would make a recall's reconciliation off by the case size. Package units are UN/ECE Recommendation 21
 * package codes as Recommendation 20 writes them, prefixed with X (XBO = Rec 21's BO); GB/T 16472-2013 is China's
 * adoption of Rec 21. The standard still records how many packages, not what each holds.
 * <p>
 * 件 is a package (XPK), not a piece: in Chinese trade and logistics 件 counts packages (件数 on a waybill, a warehouse's
 * shipping cases), and the food and dairy exports the hub takes use it so. A source whose 件 means single items
 * writes 个 instead (or maps its unit column with an expression). 个, 只, 头, 条, 尾, 羽, 枚, 支, 台, 部 count
 * single animals, fish, eggs and machines: pieces.
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
    PIECE("PCE", "1", "只", "个", "条", "尾", "羽", "枚", "支", "台", "部", "PCE"),
    /** Rec 21 BO "Bottle, non-protected, cylindrical": milk, drinks. */
    BOTTLE("XBO", "1", "瓶", "XBO"),
    /** Rec 21 CX "Can, cylindrical": milk powder tins, canned food. */
    CAN("XCX", "1", "罐", "XCX"),
    /** Rec 21 BG "Bag". */
    BAG("XBG", "1", "袋", "XBG"),
    /** Rec 21 BX "Box": a retail box (盒), as against a shipping case (箱). */
    BOX("XBX", "1", "盒", "XBX"),
    /** Rec 21 CS "Case": a shipping case (箱) of bottles, boxes or bags. */
    CASE("XCS", "1", "箱", "XCS"),
    /** Rec 21 PA "Packet": a small pack (包). */
    PACKET("XPA", "1", "包", "XPA"),
    /** Rec 21 DR "Drum": 桶 of oil, bulk milk or liquid. */
    DRUM("XDR", "1", "桶", "XDR"),
    /** Rec 21 PK "Package": 件, a package of any kind (see above). */
    PACKAGE("XPK", "1", "件", "XPK"),
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
