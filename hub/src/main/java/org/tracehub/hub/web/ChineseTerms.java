package org.tracehub.hub.web;

import java.util.Map;
import org.tracehub.platform.trace.FactKeys;
import org.tracehub.platform.trace.TestItems;
import org.tracehub.schemas.unit.StandardUnit;

/**
 * The Chinese a consumer reads for the standard's codes: steps, node types, categories,
 * certificates, units, test items and facts. An unknown code is shown as it is.
 */
final class ChineseTerms {

    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("PRODUCE", "养殖/种植"), Map.entry("HARVEST", "采收"), Map.entry("SLAUGHTER", "屠宰"),
            Map.entry("PROCESS", "加工"), Map.entry("MARKET_ENTRY", "进场"), Map.entry("WHOLESALE", "批发"),
            Map.entry("RETAIL_ENTRY", "零售进货"), Map.entry("RETAIL_SALE", "零售"), Map.entry("SHIP", "发货"),
            Map.entry("RECEIVE", "收货"), Map.entry("COLLECT", "收购"), Map.entry("IMPORT", "进口"), Map.entry("TEST", "检测"),
            Map.entry("INSPECT", "检验"), Map.entry("MAINTAIN", "维护保养"), Map.entry("FILL", "充装"), Map.entry("SCRAP", "报废"));

    private static final Map<String, String> NODE_TYPES = Map.ofEntries(
            Map.entry("FARM", "生产基地"), Map.entry("SLAUGHTERHOUSE", "屠宰企业"), Map.entry("WHOLESALE", "批发市场"),
            Map.entry("RETAIL_MARKET", "菜市场"), Map.entry("SUPERMARKET", "超市"), Map.entry("GROUP_PURCHASER", "团体消费单位"),
            Map.entry("COLLECTION_STATION", "生鲜乳收购站"), Map.entry("DAIRY_PLANT", "乳品企业"), Map.entry("IMPORTER", "进口商"),
            Map.entry("MAINTAINER", "维保单位"), Map.entry("FILLING_STATION", "充装站"), Map.entry("EQUIPMENT_USER", "使用单位"),
            Map.entry("INSPECTION_BODY", "检验机构"), Map.entry("OTHER", "其他"));

    private static final Map<String, String> CATEGORIES = Map.of(
            "MEAT", "肉类", "VEGETABLE", "蔬菜", "DAIRY", "乳品", "ELEVATOR", "电梯", "GAS_CYLINDER", "气瓶",
            "FRUIT", "水果", "AQUATIC", "水产品", "GRAIN", "粮食", "LIQUOR", "酒类");

    private static final Map<String, String> CERTIFICATES = Map.of(
            "ANIMAL_QUARANTINE", "动物检疫合格证明", "ORIGIN_QUARANTINE", "产地检疫证明", "MEAT_QUALITY", "肉品品质检验合格证",
            "ORIGIN", "产地证明", "MARKET_ENTRY_VOUCHER", "进场凭证", "TEST_REPORT", "检测报告", "CUSTOMS_DECLARATION", "报关单",
            "INSPECTION", "检验报告", "TRANSPORT_PERMIT", "准运证明", "OTHER", "其他证明");

    /**
     * Units a test result is given in besides the standard's ({@link StandardUnit}, named by it: one name per code for
     * the clerk's messages and the consumer's page, so a package unit added there is shown here too).
     */
    private static final Map<String, String> OTHER_UNITS = Map.of(
            "GRM", "克", "MLT", "毫升", "HEA", "头", "BX", "盒", "%", "%", "°T", "°T");

    private static final Map<String, String> TESTS = Map.ofEntries(
            Map.entry(TestItems.PESTICIDE_RESIDUE, "农药残留快检（抑制率）"), Map.entry(TestItems.MILK_QUALITY, "生鲜乳检测"),
            Map.entry(TestItems.PRODUCT_RELEASE, "出厂检验"), Map.entry(TestItems.IMPORT_INSPECTION, "进口检验"),
            Map.entry(TestItems.MILK_PROTEIN, "蛋白质"), Map.entry(TestItems.MILK_FAT, "脂肪"), Map.entry(TestItems.MILK_ACIDITY, "酸度"),
            Map.entry(TestItems.MILK_DENSITY, "相对密度"), Map.entry(TestItems.SLAUGHTER_SAMPLING, "宰前抽检（阳性头数）"),
            Map.entry(TestItems.PRE_FILL_CHECK, "充装前检查"), Map.entry(TestItems.POST_FILL_CHECK, "充装后检查"));

    private static final Map<String, String> FACTS = Map.ofEntries(
            Map.entry(FactKeys.EQUIPMENT_CODE, "设备代码"), Map.entry(FactKeys.REGISTRATION_CODE, "注册代码"),
            Map.entry(FactKeys.EMERGENCY_CODE, "96333应急识别码"), Map.entry(FactKeys.MAINTENANCE_TYPE, "维保类型"),
            Map.entry(FactKeys.NEXT_INSPECTION_DATE, "下次检验日期"), Map.entry(FactKeys.CYLINDER_CODE, "气瓶编号"),
            Map.entry(FactKeys.REGISTRATION_CERTIFICATE_NO, "使用登记证编号"), Map.entry(FactKeys.MEDIUM, "充装介质"),
            Map.entry(FactKeys.PRESSURE_AFTER_FILLING_MPA, "充装后压力（MPa）"), Map.entry(FactKeys.PRODUCTION_DATE, "生产日期"),
            Map.entry(FactKeys.SHELF_LIFE_DAYS, "保质期（天）"), Map.entry(FactKeys.HEAD_COUNT, "屠宰头数"),
            Map.entry(FactKeys.SAMPLED_HEAD_COUNT, "抽检头数"), Map.entry(FactKeys.STALL_NO, "摊位号"),
            Map.entry(FactKeys.EXPORTER, "境外出口商"));

    private static final Map<String, String> RESULTS = Map.of("PASS", "合格", "FAIL", "不合格");

    private ChineseTerms() {
    }

    static String step(String code) {
        return term(STEPS, code);
    }

    /**
     * What the other side of a step is to the one who reports it: the buyer of a sale, the supplier of goods taken in,
     * the unit that uses a piece of equipment. The standard has one counterparty field for all of them.
     */
    static String counterpartyRole(String step) {
        return step == null ? COUNTERPARTY_OTHER : COUNTERPARTY_ROLES.getOrDefault(step, COUNTERPARTY_OTHER);
    }

    private static final String COUNTERPARTY_OTHER = "相关单位";
    private static final Map<String, String> COUNTERPARTY_ROLES = Map.ofEntries(
            Map.entry("WHOLESALE", "售往"), Map.entry("RETAIL_SALE", "售往"), Map.entry("SHIP", "发往"),
            Map.entry("MARKET_ENTRY", "供货方"), Map.entry("RETAIL_ENTRY", "供货方"), Map.entry("RECEIVE", "供货方"),
            Map.entry("COLLECT", "交售方"), Map.entry("IMPORT", "收货单位"), Map.entry("MAINTAIN", "使用单位"),
            Map.entry("INSPECT", "使用单位"), Map.entry("FILL", "充装用户"));

    static String nodeType(String code) {
        return term(NODE_TYPES, code);
    }

    static String category(String code) {
        return term(CATEGORIES, code);
    }

    static String certificate(String code) {
        return term(CERTIFICATES, code);
    }

    static String unit(String code) {
        return code == null ? null : StandardUnit.of(code).map(StandardUnit::chineseName).orElseGet(() -> term(OTHER_UNITS, code));
    }

    static String test(String code) {
        return term(TESTS, code);
    }

    static String fact(String code) {
        return term(FACTS, code);
    }

    static String result(String code) {
        return term(RESULTS, code);
    }

    private static String term(Map<String, String> terms, String code) {
        return code == null ? null : terms.getOrDefault(code, code);
    }
}
