package org.tracehub.samples.generator;

import java.util.List;
import java.util.SplittableRandom;

/** Values the layouts draw from: parties with valid credit codes, current region codes, lots. */
final class Pools {

    /** Buyers of the wholesale markets (names and GB 32100-valid codes, as in the samples). */
    static final List<String[]> MEAT_BUYERS = List.of(
            new String[] {"上海联家超市有限公司", "91310112087994932F"},
            new String[] {"上海浦东新区三林菜场经营管理有限公司", "91310115MA1K3BTP2B"},
            new String[] {"上海徐汇区团膳服务有限公司", "913101127033980359"},
            new String[] {"上海金山区枫泾镇农贸市场（南区）", "91310116052958608G"},
            new String[] {"上海杨浦区五角场菜市场", "91310110666007217T"},
            new String[] {"上海浦东新区川沙农贸市场", "91310115591693856A"},
            new String[] {"上海嘉定区安亭镇农贸市场经营管理有限公司", "91310114MA1GE8L647"},
            new String[] {"上海长宁区天山路菜市场经营管理有限公司", "91310105MA1FU6N33Y"},
            new String[] {"上海普陀区长风团膳服务有限公司", "91310107MA1FR2T85H"},
            new String[] {"上海徐汇区漕溪团膳配送有限公司", "91310104MA1FQ8W262"});

    /** Elevator user units. */
    static final List<String[]> ELEVATOR_USERS = List.of(
            new String[] {"上海徐汇区漕河泾物业管理有限公司", "91310104MA1FP9KD7W", "310104"},
            new String[] {"上海长宁天山物业服务有限公司", "9131010563078521XX", "310105"},
            new String[] {"上海普陀区曹杨新村物业有限公司", "91310107MA1FR2T85H", "310107"},
            new String[] {"上海黄浦外滩商务楼宇管理有限公司", "91310101MA1FD2H66U", "310101"});

    /** Current GB/T 2260 codes of the meat's and vegetables' origins. */
    static final List<String> MEAT_ORIGINS = List.of("341122", "370283", "320583", "310117", "310151");

    /** The slaughter lots of meat-slaughter-wuhao's sample. */
    static final List<String> SLAUGHTER_LOTS = List.of(
            "TZ2611260088", "TZ2611260091", "TZ2611260093", "TZ2611260095", "TZ2611260096",
            "TZ2611260097", "TZ2611260099", "TZ2611260100", "TZ2611260102");

    static final List<String> MEAT_PRODUCTS = List.of("白条猪", "猪后腿肉", "猪五花肉", "牛肉");

    /** Varieties that lookups/veg-products.csv knows. */
    static final List<String> VEGETABLES = List.of(
            "青菜", "鸡毛菜", "大白菜", "卷心菜", "菠菜", "芹菜", "生菜", "茼蒿", "西兰花", "花菜", "白萝卜", "胡萝卜", "金瓜");

    private Pools() {
    }

    static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
