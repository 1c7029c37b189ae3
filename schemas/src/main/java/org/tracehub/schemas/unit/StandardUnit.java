package org.tracehub.schemas.unit;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The UN/ECE Recommendation 20 units a standard quantity may carry, each with its Chinese name
 * and the largest quantity one event can plausibly record in it (one trade, one delivery, one
 * filling). Anything larger is almost always a unit mistake upstream (grams exported as kg …).
 * Units of the same dimension carry the same bound: 1,000 t = 1,000,000 kg, far above a wholesale market's largest
 * lot of a day and below a kilogram figure exported as tonnes. (The tonne's bound was 10,000 t, so a mass refused in
 * kilograms passed in tonnes.)
 * A new unit is a new constant: an enumeration value, allowed within version 1 (the XSD's {@code UnitCode} is a
 * pattern, not a list). Packages are UN/ECE Recommendation 21 codes as Recommendation 20 carries them, prefixed with X
 * ({@link LegacyUnit} names each one's Rec 21 entry); a count of packages is bounded like a count of pieces. The Chinese
 * name is what a clerk writes and a consumer reads: 件 is the package (XPK), so a piece is 个.
 */
public enum StandardUnit {
    KGM("千克", "1000000"),
    TNE("吨", "1000"),
    LTR("升", "1000000"),
    PCE("个", "1000000"),
    XBO("瓶", "1000000"),
    XCX("罐", "1000000"),
    XBG("袋", "1000000"),
    XBX("盒", "1000000"),
    XCS("箱", "1000000"),
    XPA("包", "1000000"),
    XDR("桶", "1000000"),
    XPK("件", "1000000"),
    MPA("兆帕", "100");

    /** {@link #values()} copies its array on every call; the rules look a unit up for every row. */
    private static final StandardUnit[] VALUES = values();

    private final String chineseName;
    private final BigDecimal maxPlausible;

    StandardUnit(String chineseName, String maxPlausible) {
        this.chineseName = chineseName;
        this.maxPlausible = new BigDecimal(maxPlausible);
    }

    public String chineseName() {
        return chineseName;
    }

    /** The largest quantity in this unit that the rules accept on one event. */
    public BigDecimal maxPlausible() {
        return maxPlausible;
    }

    /** By its UN/ECE code, exactly as the XSD writes it (upper case). */
    public static Optional<StandardUnit> of(String code) {
        for (StandardUnit unit : VALUES) {
            if (unit.name().equals(code)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
