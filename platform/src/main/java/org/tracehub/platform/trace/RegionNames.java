package org.tracehub.platform.trace;

import java.util.Set;
import org.tracehub.schemas.validation.RegionCodeValidator;

/**
 * The full name of a GB/T 2260 code as a consumer reads it: province, prefecture, county
 * (341122 → 安徽省滁州市来安县, 310151 → 上海市崇明区). Placeholder prefectures of the
 * municipalities (市辖区, 县) are left out.
 */
public final class RegionNames {

    private static final Set<String> PLACEHOLDERS = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

    private RegionNames() {
    }

    /** The full name, or null when the code is not in the table. */
    public static String fullName(String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return null;
        }
        RegionCodeValidator table = RegionCodeValidator.instance();
        String own = table.nameOf(code).orElse(null);
        if (own == null) {
            return null;
        }
        String province = code.substring(0, 2) + "0000";
        String prefecture = code.substring(0, 4) + "00";
        StringBuilder name = new StringBuilder();
        if (!code.equals(province)) {
            table.nameOf(province).ifPresent(name::append);
        }
        if (!code.equals(prefecture) && !code.equals(province)) {
            table.nameOf(prefecture).filter(n -> !PLACEHOLDERS.contains(n)).ifPresent(name::append);
        }
        return name.append(own).toString();
    }
}
