#!/usr/bin/env python3
"""Writes the sample exports of the catalogue sources (samples/<category>/<source>/input/).

Each sample imitates what one legacy system really exports — its encoding, title rows, totals,
date styles, units — and carries a few mistakes a clerk really makes (see samples/README.md for
the list per file). Spreadsheets are described here as flat ODF and saved as .xlsx / .xls by
LibreOffice; the .fods sources are kept beside this script in fods/ so a reviewer can open them.

    cd samples/tools && python3 make_samples.py            # everything
    python3 make_samples.py meat-wholesale-jiangqiao       # one source

The samples are deterministic except for the metadata LibreOffice writes into a workbook (its
save time), so regenerating a spreadsheet changes its bytes but not its cells.
meat-wholesale-xj's sample is hand-made and older; this script does not touch it.
"""
import datetime as dt
import os
import sys

import uscc
from legacy_files import (Date, Formula, Merge, Num, Sheet, Text, bad_gtin, excel_serial, fods, gtin,
                          save_with_libreoffice, write_bytes, write_csv)

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
FODS_DIR = os.path.join(HERE, "fods")

D = dt.datetime
PILOT_USCC = "91350100M0001TGQXM"   # a real early pilot code whose check digit is wrong: a warning


def path(category, source, name):
    return os.path.join(SAMPLES, category, source, "input", name)


def spreadsheet(category, source, name, sheets):
    """Writes fods/<name>.fods and saves it with LibreOffice as input/<name>."""
    base, _ = os.path.splitext(name)
    os.makedirs(FODS_DIR, exist_ok=True)
    source_file = os.path.join(FODS_DIR, base + ".fods")
    with open(source_file, "w", encoding="utf-8") as out:
        out.write(fods(sheets))
    save_with_libreoffice(source_file, path(category, source, name))


def org_code_typo(prefix, region, body8):
    """A credit code whose 18th symbol is right but whose organisation code (9-17) fails its own
    GB 11714 check — the typo that survives the usual single check: a warning (USCC_ORG_CODE_CHECK)."""
    good = uscc.org_check(body8)
    wrong = "7" if good != "7" else "3"
    first17 = prefix + region + body8 + wrong
    total = sum(uscc.ALPHABET.index(c) * w for c, w in zip(first17, uscc.WEIGHTS))
    return first17 + uscc.ALPHABET[(31 - total % 31) % 31]


def check_digit_typo(code):
    """A valid code with its 18th symbol mistyped: a warning (USCC_CHECK_DIGIT)."""
    i = uscc.ALPHABET.index(code[17])
    return code[:17] + uscc.ALPHABET[(i + 1) % 31]


# ======================================================================= parties (invented)
XIJIAO = ("上海西郊国际农产品交易有限公司", "91310000631696382C")        # as in meat-wholesale-xj
LIANJIA = ("上海联家超市有限公司", "91310112087994932F")                 # a buyer in meat-wholesale-xj
SANLIN = ("上海浦东新区三林菜场经营管理有限公司", "91310115MA1K3BTP2B")  # a buyer in meat-wholesale-xj
WUHAO = ("上海五浩肉类联合加工有限公司", uscc.make("91", "310114", "MA1G5W8H"))
JIANGQIAO = ("上海江桥肉类批发市场经营管理有限公司", uscc.make("91", "310114", "7030K2R4"))
CHONGMING = ("上海崇明绿港蔬菜专业合作社", uscc.make("93", "310151", "MA1JY2QB"))
JINSHAN = ("上海金山兴塔生鲜乳收购站有限公司", uscc.make("91", "310116", "MA1FL8CK"))
PUJIANG = ("上海浦江源乳业有限公司", uscc.make("91", "310117", "MA1H2N6D"))
GANGCHEN = ("上海港辰进出口贸易有限公司", uscc.make("91", "310115", "MA1K4UJ7"))
HUSHENG = ("上海沪晟电梯工程有限公司", uscc.make("91", "310107", "MA1FN5GR"))
PURAN = ("上海浦燃液化气充装有限公司", uscc.make("91", "310115", "1346R8QX"))

OPERATORS = {
    "meat-slaughter-wuhao": WUHAO, "meat-wholesale-jiangqiao": JIANGQIAO, "meat-supermarket-lianjia": LIANJIA,
    "vegetable-base-chongming": CHONGMING, "vegetable-wholesale-xj": XIJIAO, "vegetable-wetmarket-sanlin": SANLIN,
    "dairy-station-jinshan": JINSHAN, "dairy-plant-pujiang": PUJIANG, "dairy-import-waigaoqiao": GANGCHEN,
    "elevator-maint-husheng": HUSHENG, "gascyl-fill-pudong": PURAN,
}


# ======================================================================= meat: slaughterhouse (CSV, GBK)
def meat_slaughter_wuhao():
    src = "meat-slaughter-wuhao"
    owners = {
        "LA": ("来安县永兴生猪养殖专业合作社", "341122"),
        "PD": ("平度市丰源畜牧有限公司", "370283"),
        "KS": ("昆山市周庄生猪购销站", "320583"),
        "SJ": ("上海松江区泖港生猪专业合作社", "310117"),
        "CM": ("上海崇明区港西肉牛养殖场", "310151"),
        "CP": ("上海崇明区港西生猪专业合作社", "310151"),
    }
    # lot, time, owner, origin-quarantine no, heads, sampled, clenbuterol, positives, inspector, AQ, MQ, carcass kg, remark
    rows = [
        ("TZ2611260085", "20:32", "LA", "3411222611250031", 40, 4, "阴性", 0, "陈立", "3100123385", "310012611260085", "3482.0", ""),
        ("TZ2611260086", "20:47", "PD", "3702832611240112", 38, "五", "阴性", 0, "陈立", "3100123386", "310012611260086", "3306.5", ""),
        ("TZ2611260087", "21:03", "KS", "3205832611260008", 25, 3, "阴性", 0, "陈立", "3100123387", "310012611260087", "2187.5", ""),
        ("TZ2611260088", "21:20", "LA", "3411222611250032", 42, 5, "阴性", 0, "陈立", "3100123388", "310012611260088", "3650.5", ""),
        ("TZ2611260089", "21:36", "SJ", "3101172611260015", 30, 3, "阴性", 0, "周海峰", "3100123389", "310012611260089", "2610.0", ""),
        ("TZ2611260090", "21:52", "PD", "3702832611240113", 36, 4, "阴性", 0, "周海峰", "3100123390", "310012611260090", "3128.0", ""),
        ("TZ2611260091", "22:08", "PD", "3702832611240114", 40, 4, "阴性", 0, "周海峰", "3100123391", "310012611260091", "3475.5", ""),
        ("TZ2611260092", "22:25", "KS", "3205832611260009", 22, 3, "阴性", 0, "周海峰", "3100123392", "310012611260092", "1915.0", ""),
        ("TZ2611260093", "22:41", "LA", "3411222611250033", 41, 5, "阴性", 0, "陈立", "3100123393", "310012611260093", "3566.5", ""),
        ("TZ2611260094", "22:58", "CP", "3102302611260002", 35, 4, "阴性", 0, "陈立", "3100123394", "310012611260094", "3045.0", "猪源崇明"),
        ("TZ2611260095", "23:14", "SJ", "3101172611260016", 28, 3, "阴性", 0, "陈立", "3100123395", "310012611260095", "2436.0", ""),
        ("TZ2611260096", "23:30", "LA", "3411222611250034", 44, 5, "阴性", 0, "周海峰", "3100123396", "310012611260096", "3828.0", ""),
        ("TZ2611260097", "23:46", "KS", "3205832611260010", 26, 3, "阴性", 0, "周海峰", "3100123397", "310012611260097", "2262.0", ""),
        ("TZ2611260098", "23:58", "LA", "3411222611250035", 39, 4, "阴性", 0, "周海峰", "3100123398", "310012611260098", "3393.0", ""),
        ("TZ2611260099", "0:14", "PD", "3702832611240115", 40, 4, "阴性", 0, "陈立", "3100123399", "310012611260099", "3480.0", ""),
        ("TZ2611260100", "0:31", "SJ", "3101172611260017", 32, 4, "阴性", 0, "陈立", "3100123400", "310012611260100", "2784.0", ""),
        ("TZ2611260101", "0:47", "KS", "3205832611260011", 24, 24, "阳性", 1, "陈立", "", "", "2088.0", "瘦肉精阳性1头，整批扣留待无害化处理"),
        ("TZ2611260102", "1:05", "CM", "3101512611260003", 6, 6, "阴性", 0, "周海峰", "3100123402", "310012611260102", "1932.0", "肉牛"),
    ]
    header = ["序号", "屠宰日期", "屠宰时间", "屠宰批次号", "货主", "产地检疫证号", "产地", "进场头数", "抽检头数",
              "瘦肉精检测", "阳性头数", "检验员", "动物产品检疫合格证号", "肉品品质检验合格证号", "白条重量(公斤)", "备注"]
    out = [header]
    for i, (lot, time, owner, oq, heads, sampled, clen, pos, insp, aq, mq, kg, remark) in enumerate(rows, start=1):
        name, region = owners[owner]
        day = "20261126" if int(time.split(":")[0]) >= 12 else "20261127"   # the night shift runs past midnight
        if lot == "TZ2611260090":
            day = "20261131"                      # mistake: 11月31日 does not exist
        if lot == "TZ2611260094":
            region = "310230"                     # warning: the old system still offers 崇明县 (retired 2016)
        if lot == "TZ2611260098":
            region = "34112"                      # mistake: a digit lost
        out.append([i, day, time, lot, name, oq, region, heads, sampled, clen, pos, insp, aq, mq, kg, remark])
    write_csv(path("meat", src, "屠宰检验_20261126.csv"), out, "gbk")

    # sale ledger: a title line, the header, a footer line with the clerk's name
    w = {
        "HC": ("上海闵行区华漕镇顺达肉品经营部", uscc.make("92", "310112", "MA1G7R5W"), "西郊国际农产品交易中心"),
        "JQ": ("上海嘉定区江桥镇永丰肉类批发部", uscc.make("92", "310114", "MA1H3K2B"), "江桥批发市场"),
        "AT": ("上海嘉定区安亭镇鑫旺肉食品经营部", uscc.make("92", "310114", "MA1H4M8C"), "江桥批发市场"),
        "PT": ("上海普陀区长风团膳服务有限公司", uscc.make("91", "310107", "MA1FR2T8"), "普陀区长风街道中央厨房"),
        "FZ": ("福州试点冷链配送有限公司", PILOT_USCC, "闵行区华漕冷库"),
    }
    sales = [
        ("XS261126001", "2026-11-26 23:40", "TZ2611260088", "白条猪", 20, "1738.5", "26.40", "HC", True, True),
        ("XS261126002", "2026-11-26 23:42", "TZ2611260088", "白条猪", 22, "1912.0", "26.40", "JQ", True, True),
        ("XS261126003", "2026-11-26 23:55", "TZ2611260091", "白条猪", 40, "3475.5", "26.20", "HC", True, True),
        ("XS261126004", "2026-11-27 0:08", "TZ2611260093", "白条猪", 41, "3566.5", "26.40", "HC", True, True),
        ("XS261126005", "2026-11-27 0:20", "TZ2611260095", "白条猪", 28, "2436.0", "26.30", "JQ", True, True),
        ("XS261126006", "2026-11-27 0:26", "TZ2611260096", "白条猪", 44, "3828.0", "26.30", "AT", True, True),
        ("XS261126007", "2026-11-27 0:41", "TZ2611260097", "白条猪", 26, "2262.0", "26.10", "JQ", True, True),
        ("XS261126008", "2026-11-27 0:55", "TZ2611260099", "白条猪", 40, "3480.0", "26.20", "JQ", True, True),
        ("XS261126009", "2026-11-27 1:12", "TZ2611260100", "白条猪", 32, "2784.0", "26.20", "AT", True, True),
        ("XS261126010", "2026-11-27 1:25", "TZ2611260087", "猪副产品", 25, "312.5", "18.00", "PT", True, True),
        ("XS261126011", "2026-11-27 1:30", "TZ2611260102", "牛肉", 6, "1932.0", "68.00", "FZ", True, True),
        ("XS261126012", "2026-11-27 1:38", "TZ2611260085", "白条猪", 40, "3482.0", "26.30", "PT", False, False),
        ("XS261126013", "2026-11-27 1:52", "TZ2611260089", "白条猪", 30, "2610.0", "26.30", "AT", True, True),
    ]
    header = ["序号", "销售日期", "交易凭证号", "屠宰批次号", "品名", "数量(头)", "重量(公斤)", "单价(元/公斤)",
              "买方名称", "买方信用代码", "动物产品检疫合格证号", "肉品品质检验合格证号", "到达地"]
    out = ["上海五浩肉类联合加工有限公司 产品销售明细表（2026年11月26日夜班）", header]
    for i, (voucher, when, lot, product, heads, kg, price, buyer, aq, mq) in enumerate(sales, start=1):
        name, code, dest = w[buyer]
        n = lot[-3:]
        if voucher == "XS261126009":
            code = code[:17]                      # mistake: the last symbol cut off when pasted (17 symbols)
        # the certificates the inspection ledger issued for the lot
        out.append([i, when, voucher, lot, product, heads, kg, price, name, code,
                    str(3100123300 + int(n)) if aq else "", "310012611260" + n if mq else "", dest])
    out.append("制表人：王敏    审核：李国强    打印时间：2026-11-27 06:30")
    write_csv(path("meat", src, "销售明细_20261126.csv"), out, "gbk")


# ======================================================================= meat: wholesale market Jiangqiao (XLSX)
def meat_wholesale_jiangqiao():
    src = "meat-wholesale-jiangqiao"
    buyers = {
        "LJ": LIANJIA,
        "AT": ("上海嘉定区安亭镇农贸市场经营管理有限公司", uscc.make("91", "310114", "MA1GE8L6")),
        "CF": ("上海普陀区长风团膳服务有限公司", uscc.make("91", "310107", "MA1FR2T8")),
        "TS": ("上海长宁区天山路菜市场经营管理有限公司", uscc.make("91", "310105", "MA1FU6N3")),
        "QB": ("上海闵行区七宝镇农贸市场有限公司", org_code_typo("91", "310112", "MA1G9H4R")),  # warning
        "XH": ("上海徐汇区漕溪团膳配送有限公司", uscc.make("91", "310104", "MA1FQ8W2")),
    }
    stalls = {"B2-015": "永丰肉类批发部", "B2-021": "鑫旺肉食品经营部", "B3-006": "江南猪肉批发部"}
    # code, time (datetime or text), inputs, stall, buyer, product, kg, price, AQ, MQ, origin
    t = lambda h, m: D(2026, 11, 27, h, m)
    rows = [
        ("JQM2611270001", t(2, 10), "TZ2611260095", "B2-015", "AT", "白条猪", 612.5, 13.40, "3100123395", "310012611260095", "310117"),
        ("JQM2611270002", t(2, 18), "TZ2611260095", "B2-015", "TS", "猪后腿肉", 186.0, 16.20, "3100123395", "310012611260095", "310117"),
        ("JQM2611270003", t(2, 31), "TZ2611260096、TZ2611260097", "B2-021", "LJ", "白条猪", 1280.0, 13.30, "3100123396", "310012611260096", "341122"),
        ("JQM2611270004", t(2, 44), "TZ2611260096", "B2-021", "CF", "猪五花肉", 95.5, 18.60, "3100123396", "", "341122"),
        ("JQM2611270005", Text("27/11/2026 5:40"), "TZ2611260097", "B3-006", "XH", "白条猪", 420.0, 13.30, "3100123397", "310012611260097", "320583"),
        ("JQM2611270006", t(3, 5), "TZ2611260099", "B3-006", "QB", "白条猪", 830.0, 13.20, "3100123399", "310012611260099", "370283"),
        ("JQM2611270007", t(3, 12), "TZ2611260099", "B3-006", "TS", "猪后腿肉", 0, 16.00, "3100123399", "310012611260099", "370283"),
        ("JQM2611270008", t(3, 26), "TZ2611260100", "B2-015", "AT", "白条猪", 540.0, 13.40, "3100123400", "310012611260100", "310117"),
        ("JQM2611270009", t(3, 40), "TZ2611260100", "B2-015", "LJ", "猪五花肉", 150.0, 18.40, "3100123400", "310012611260100", "310117"),
        ("JQM2611270010", Text("2026-11-27 05:12"), "TZ2611260097", "B3-006", "CF", "猪后腿肉", 88.5, 16.10, "", "310012611260097", "320583"),
        ("JQM2611270011", t(4, 2), "TZ2611260088", "B2-021", "XH", "白条猪", 365.0, 13.30, "3100123388", "310012611260088", "320599"),
        ("JQM2611270012", t(4, 15), "JQM2611270012", "B2-021", "QB", "猪五花肉", 72.0, 18.50, "3100123388", "310012611260088", "341122"),
        ("JQM2611270013", t(4, 33), "TZ2611260099", "B3-006", "AT", "白条猪", 1025.5, 13.20, "3100123399", "310012611260099", "370283"),
        ("JQM2611270014", t(4, 50), "TZ2611260095", "B2-015", "TS", "白条猪", 300.0, 13.40, "3100123395", "310012611260095", "310117"),
    ]
    header = ["序号", "交易时间", "交易凭证号", "追溯码", "来源批次", "经营户", "摊位号", "买方名称", "买方信用代码",
              "品名", "重量(公斤)", "单价(元/公斤)", "金额(元)", "检疫证号", "肉检证号", "产地"]
    detail = [[Merge("上海江桥肉类批发市场 肉类交易明细日报", len(header))],
              [Merge("交易日期：2026年11月27日　　　　计量单位：公斤、元　　　　制表：市场信息中心", len(header), style="group")],
              header]
    first = 4
    for i, (code, when, inputs, stall, buyer, product, kg, price, aq, mq, origin) in enumerate(rows):
        r = first + i
        name, bcode = buyers[buyer]
        time_cell = when if isinstance(when, Text) else Date(when, "cn-datetime")
        detail.append([i + 1, time_cell, "JQ" + code[3:], code, inputs, stalls[stall], stall, name, bcode, product,
                       Num(kg, "grouped2"), Num(price, "fixed2"),
                       Formula(f"of:=[.K{r}]*[.L{r}]", round(kg * price, 2), "grouped2"), aq, mq, origin])
    last = first + len(rows) - 1
    total_kg = round(sum(r[6] for r in rows), 2)
    total_amount = round(sum(round(r[6] * r[7], 2) for r in rows), 2)
    detail.append(["合计", None, None, None, None, None, None, None, None, None,
                   Formula(f"of:=SUM([.K{first}:.K{last}])", total_kg, "grouped2"), None,
                   Formula(f"of:=SUM([.M{first}:.M{last}])", total_amount, "grouped2"), None, None, None])
    products = ["白条猪", "猪后腿肉", "猪五花肉"]
    summary = [[Merge("江桥肉类批发市场 交易汇总（2026年11月27日）", 3)], ["品名", "笔数", "重量(公斤)"]]
    for k, p in enumerate(products):
        n = sum(1 for r in rows if r[5] == p)
        kg = round(sum(r[6] for r in rows if r[5] == p), 2)
        summary.append([p, Formula(f"of:=COUNTIF($'交易明细'.$J${first}:$J${last};[.A{k + 3}])", n),
                        Formula(f"of:=SUMIF($'交易明细'.$J${first}:$J${last};[.A{k + 3}];$'交易明细'.$K${first}:$K${last})",
                                kg, "grouped2")])
    widths = [1.2, 4.2, 3.2, 3.6, 5.6, 3.6, 1.8, 7.0, 4.6, 2.2, 2.4, 2.2, 2.6, 2.6, 3.6, 1.6]
    spreadsheet("meat", src, "江桥肉类交易日报_20261127.xlsx",
                [Sheet("汇总", summary, widths=[3, 2, 3], header_row=2),
                 Sheet("交易明细", detail, widths=widths, header_row=3)])


# ======================================================================= meat: supermarket receiving (CSV, UTF-8 with BOM)
def meat_supermarket_lianjia():
    src = "meat-supermarket-lianjia"
    stores = {"LJ0103": "联家超市七宝店", "LJ0217": "联家超市曹杨店"}
    suppliers = {
        "XJ": ("S0001", XIJIAO[0], XIJIAO[1]),
        "JQ": ("S0002", JIANGQIAO[0], JIANGQIAO[1]),
        "PS": ("S0031", "上海闵行区鑫禾食品配送有限公司", uscc.make("91", "310112", "MA1G8Y2D")),
        "FZ": ("S0047", "福州试点冷链配送有限公司", PILOT_USCC),
    }
    # store, receipt no, line, date, time, supplier, item code, gtin, name, spec, qty, unit, origin, AQ, MQ, upstream, clerk, remark
    rows = [
        ("LJ0103", "SH261127008", 1, "2026-11-27", "06:35:12", "XJ", "100231", "", "白条猪（冷鲜）", "散装", "128.25", "公斤", "341122", "3100123456", "310012611270001", "XJM2611270001", "吴佳", ""),
        ("LJ0103", "SH261127009", 1, "2026-11-27", "06:52:40", "JQ", "100231", "", "白条猪（冷鲜）", "散装", "1,920", "斤", "341122", "3100123396", "310012611260096", "JQM2611270003", "吴佳", "整批分两店"),
        ("LJ0103", "SH261127009", 2, "2026-11-27", "06:52:40", "JQ", "100245", "", "猪五花肉（冷鲜）", "散装", "150", "公斤", "310117", "3100123400", "310012611260100", "JQM2611270009", "吴佳", ""),
        ("LJ0103", "SH261127011", 1, "2026-11-27", "07:10:05", "PS", "200118", gtin("693175400012"), "冷鲜猪里脊", "５００ｇ／盒", "40", "盒", "341122", "3100123461", "", "PS2611260031", "吴佳", ""),
        ("LJ0103", "SH261127011", 2, "2026-11-27", "07:10:05", "PS", "200119", gtin("693175400013"), "冷鲜猪小排", "４００ｇ／盒", "36", "盒", "341122", "3100123461", "", "PS2611260031", "吴佳", ""),
        ("LJ0103", "SH261127011", 3, "2026-11-27", "07:10:05", "PS", "200120", bad_gtin("693175400014"), "冷鲜猪肉糜", "３００ｇ／盒", "48", "盒", "341122", "3100123461", "", "PS2611260032", "吴佳", "条码扫描异常，手工录入"),
        ("LJ0103", "SH261127012", 1, "2026-11-27", "07:26:44", "FZ", "300210", gtin("693175400021"), "冷冻牛腩块", "１ｋｇ／袋", "30", "袋", "310151", "3100123463", "310012611270009", "XJM2611270009", "吴佳", ""),
        ("LJ0217", "SH261127021", 1, "2026-11-27", "06:41:30", "JQ", "100231", "", "白条猪（冷鲜）", "散装", "320", "公斤", "341122", "3100123396", "310012611260096", "JQM2611270003", "沈立平", "整批分两店"),
        ("LJ0217", "SH261127022", 1, "2026-11-27", "07:02:18", "PS", "200118", gtin("693175400012"), "冷鲜猪里脊", "５００ｇ／盒", "24", "盒", "341122", "", "", "PS2611260033", "沈立平", "供应商未随货提供检疫证明"),
        ("LJ0217", "SH261127022", 2, "2026-11-27", "07:02:18", "PS", "200125", gtin("693175400030"), "猪蹄（对切）", "约１ｋｇ／份", "20", "份", "341122", "3100123462", "", "PS2611260033", "沈立平", ""),
        ("LJ0217", "SH261127023", 1, "2026-11-27", "07:30:55", "PS", "200119", gtin("693175400013"), "冷鲜猪小排", "４００ｇ／盒", "30", "盒", "341122", "3100123461", "", "PS2611260031", "沈立平", ""),
        ("LJ0217", "SH261127024", 1, "2026-11-27", "08:15:09", "JQ", "100245", "", "猪五花肉（冷鲜）", "散装", "45.5", "公斤", "310117", "3100123400", "310012611260100", "JQM2611270009", "沈立平", ""),
    ]
    header = ["门店编码", "门店名称", "收货单号", "行号", "收货日期", "收货时间", "供应商编码", "供应商名称", "供应商信用代码",
              "商品编码", "商品条码", "商品名称", "规格", "收货数量", "单位", "产地", "检疫证号", "肉品检验证号",
              "上游追溯码", "验收员", "备注"]
    out = [header]
    for (store, receipt, line, day, time, sup, item, code13, name, spec, qty, unit, origin, aq, mq, upstream, clerk, remark) in rows:
        scode, sname, suscc = suppliers[sup]
        out.append([store, stores[store], receipt, line, day, time, scode, sname, suscc, item, code13, name, spec,
                    qty, unit, origin, aq, mq, upstream, clerk, remark])
    write_csv(path("meat", src, "收货明细_20261127.csv"), out, "utf-8", bom=True)


# ======================================================================= vegetable: production base (XLS)
def vegetable_base_chongming():
    src = "vegetable-base-chongming"
    day = D(2026, 11, 26)
    # date cell kind: 'date' real date cell; 'serial' a number pasted as value; 'text' typed as text
    rows = [
        ("date", "G-03", "青菜", "CMV2611260001", 860.0, "合格", 12.5, "JC2611260011", "310151", "西郊国际农产品交易中心", ""),
        ("date", "G-03", "鸡毛菜", "CMV2611260002", 420.0, "合格", 9.8, "JC2611260011", "310151", "西郊国际农产品交易中心", ""),
        ("date", "G-05", "大白菜", "CMV2611260003", 1650.0, "合格", 8.2, "JC2611260012", "310151", "西郊国际农产品交易中心", ""),
        ("serial", "G-05", "卷心菜", "CMV2611260004", 1320.0, "合格", 10.4, "JC2611260012", "310151", "江桥批发市场", "日期列为复制粘贴"),
        ("serial", "G-07", "西兰花", "CMV2611260005", 610.0, "合格", 15.1, "JC2611260013", "310151", "西郊国际农产品交易中心", "日期列为复制粘贴"),
        ("date", "G-07", "花菜", "CMV2611260006", 580.0, "合格", 14.0, "JC2611260013", "310151", "江桥批发市场", ""),
        ("date", "D-12", "青菜（矮抗）", "CMV2611260007", 930.0, "合格", 11.7, "JC2611260014", "310151", "西郊国际农产品交易中心", ""),
        ("date", "D-12", "芹菜", "CMV2611260008", 350.0, "合格", 18.9, "JC2611260014", "310151", "西郊国际农产品交易中心", ""),
        ("text", "D-15", "生菜", "CMV2611260009", 275.0, "合格", 21.3, "JC2611260015", "310151", "西郊国际农产品交易中心", ""),
        ("date", "D-15", "菠菜", "CMV2611260010", "1.2吨", "合格", 16.4, "JC2611260015", "310151", "江桥批发市场", ""),
        ("date", "D-18", "白萝卜", "CMV2611260011", 2100.0, "合格", 6.5, "JC2611260016", "310230", "西郊国际农产品交易中心", "旧表格产地代码"),
        ("date", "D-18", "胡萝卜", "CMV2611260012", 1480.0, "合格", 7.2, "JC2611260016", "崇明", "江桥批发市场", ""),
        ("date", "D-20", "茼蒿", "CMV2611260013", 190.0, "不合格", 62.4, "JC2611260017", "310151", "", "农残超标，已就地销毁，不得上市"),
        ("date", "D-20", "金瓜", "CMV2611260014", 760.0, "合格", 5.9, "JC2611260017", "310151", "西郊国际农产品交易中心", "崇明特产"),
    ]
    header = ["序号", "采收日期", "地块编号", "品种", "采收批次号", "采收量(公斤)", "农残检测结果", "抑制率(%)",
              "检测报告编号", "产地", "去向", "备注"]
    sheet = [[Merge("上海崇明绿港蔬菜专业合作社 蔬菜采收登记表", len(header))],
             [Merge("基地：崇明区港沿镇绿港蔬菜基地（备案号 沪崇蔬备021）　　填报人：施海燕　　2026年11月", len(header), style="group")],
             header]
    for i, (kind, plot, variety, lot, kg, result, rate, report, origin, dest, remark) in enumerate(rows, start=1):
        when = {"date": Date(day, "cn-monthday"), "serial": Num(excel_serial(day.date())),
                "text": Text("2026.11.26")}[kind]
        qty = Text(kg) if isinstance(kg, str) else Num(kg, "fixed1")
        region = Text(origin)                     # the template keeps region codes as text
        sheet.append([i, when, plot, variety, lot, qty, result, Num(rate, "fixed1"), report, region, dest, remark])
    plots = [["地块编号", "面积(亩)", "种植品种", "负责人"],
             ["G-03", 12.5, "青菜、鸡毛菜", "黄建华"], ["G-05", 20, "大白菜、卷心菜", "黄建华"],
             ["G-07", 15, "西兰花、花菜", "施卫东"], ["D-12", 18, "青菜、芹菜", "施卫东"],
             ["D-15", 10, "生菜、菠菜", "龚美琴"], ["D-18", 30, "白萝卜、胡萝卜", "龚美琴"],
             ["D-20", 16, "茼蒿、金瓜", "黄建华"]]
    spreadsheet("vegetable", src, "采收登记表_20261126.xls",
                [Sheet("采收登记", sheet, widths=[1.2, 2.6, 2.2, 2.6, 3.8, 2.6, 2.6, 2.0, 3.4, 1.8, 5.6, 6.0], header_row=3),
                 Sheet("地块信息", plots, widths=[2.4, 2.0, 4.0, 2.0], header_row=1)])


# ======================================================================= vegetable: wholesale market Xijiao (CSV, GB18030)
def vegetable_wholesale_xj():
    src = "vegetable-wholesale-xj"
    b = {
        "WJ": ("上海浦东新区三林王记蔬菜经营部", uscc.make("92", "310115", "MA1N3R7L")),
        "LY": ("上海浦东新区三林刘䶮蔬菜摊", uscc.make("92", "310115", "MA1N3R8J")),   # 䶮: a GB18030 four-byte character
        "CJ": ("上海浦东新区三林陈记蔬果店", uscc.make("92", "310115", "MA1N4A2E")),
        "SL": SANLIN,
        "ZF": ("上海闵行区莘庄镇众福餐饮管理有限公司", uscc.make("91", "310112", "MA1G7T2A")),
        "TS": ("上海长宁区天山路菜市场经营管理有限公司", uscc.make("91", "310105", "MA1FU6N3")),
        "HQ": ("上海虹口区曲阳团膳服务有限公司", org_code_typo("91", "310109", "MA1FX4K1")),   # warning
    }
    # (group label, rows): code, time, input lot, origin cert, product, qty, unit, price, buyer, origin, test, rate
    groups = [
        ("叶菜类", [
            ("XJV2611270001", "2026-11-27 02:10:33", "CMV2611260001", "HCM2611260001", "青菜", "860", "公斤", "2.60", "WJ", "310151", "合格", "12.5"),
            ("XJV2611270002", "2026-11-27 02:14:05", "CMV2611260002", "HCM2611260002", "鸡毛菜", "400", "斤", "3.20", "LY", "310151", "合格", "9.8"),
            ("XJV2611270003", "2026/11/27 2:31", "CMV2611260003", "HCM2611260003", "大白菜", "1,650", "公斤", "1.10", "SL", "310151", "合格", "8.2"),
            ("XJV2611270004", "2026-11-27 02:45:50", "SG2611250417", "HSD2611250417", "菠菜", "约50", "公斤", "4.00", "CJ", "370783", "合格", "13.0"),
            ("XJV2611270005", "2026-11-27 02:58:12", "SG2611250418", "HSD2611250418", "紫背天葵", "30", "公斤", "9.50", "ZF", "370783", "合格", "10.6"),
            ("XJV2611270006", "2026-11-27 03:06:41", "CMV2611260008", "HCM2611260008", "芹菜", "700", "斤", "2.10", "TS", "310151", "合格", "18.9"),
        ]),
        ("花菜类", [
            ("XJV2611270007", "2026-11-27 03:15:27", "CMV2611260005", "HCM2611260005", "西兰花", "610", "公斤", "5.80", "WJ", "310151", "合格", "15.1"),
            ("XJV2611270008", "2026/11/27 3:22", "SG2611250420", "HSD2611250420", "花菜", "12", "筐", "3.40", "HQ", "370783", "合格", "11.2"),
        ]),
        ("根茎类", [
            ("XJV2611270009", "2026-11-27 03:40:19", "CMV2611260011", "HCM2611260011", "白萝卜", "2,100", "公斤", "0.90", "SL", "310151", "合格", "6.5"),
            ("XJV2611270010", "2026-12-27 03:51:02", "CMV2611260011", "HCM2611260011", "白萝卜", "300", "公斤", "0.90", "LY", "310151", "合格", "6.5"),
            ("XJV2611270011", "2026-11-27 04:02:36", "YX2611260077", "HJS2611260077", "土豆", "1.2", "吨", "2.30", "HQ", "320282", "合格", "4.1"),
        ]),
        ("瓜果类", [
            ("XJV2611270012", "2026-11-27 04:20:44", "CMV2611260014", "HCM2611260014", "金瓜", "760", "公斤", "3.60", "CJ", "310151", "合格", "5.9"),
            ("XJV2611270013", "2026-11-27 04:33:08", "SG2611250431", "HSD2611250431", "番茄", "540", "公斤", "4.80", "WJ", "370783", "合格", "9.4"),
            ("XJV2611270014", "2026-11-27 04:47:55", "SG2611250432", "HSD2611250432", "黄瓜", "380", "公斤", "4.20", "ZF", "370783", "合格", "10.1"),
        ]),
    ]
    header = ["序号", "成交时间", "交易单号", "追溯码", "进场批次", "产地证明编号", "品名", "数量", "单位", "单价(元)",
              "买方", "买方信用代码", "产地", "农残检测", "抑制率(%)"]
    out = [header]
    n = 0
    for label, rows in groups:
        for (code, when, lot, cert, product, qty, unit, price, buyer, origin, test, rate) in rows:
            n += 1
            name, bcode = b[buyer]
            out.append([n, when, "JY" + code[3:], code, lot, cert, product, qty, unit, price, name, bcode, origin, test, rate])
        out.append([f"小计（{label}）", "", "", "", "", "", "", f"{len(rows)}笔", "", "", "", "", "", "", ""])
    out.append(["合计", "", "", "", "", "", "", f"{n}笔", "", "", "", "", "", "", ""])
    write_csv(path("vegetable", src, "蔬菜交易明细_20261127.csv"), out, "gb18030")


# ======================================================================= vegetable: standardised wet market (XLSX)
def vegetable_wetmarket_sanlin():
    src = "vegetable-wetmarket-sanlin"
    stalls = [
        ("A-012", "王记蔬菜", uscc.make("92", "310115", "MA1N3R7L")),
        ("A-015", "刘䶮蔬菜", uscc.make("92", "310115", "MA1N3R8J")),
        ("B-003", "陈记蔬果", uscc.make("92", "310115", "MA1N4A2E").lower()),   # mistake: typed in lower case
        ("B-008", "张阿姨菜摊", uscc.make("92", "310115", "MA1N4A5H")),
    ]
    day = D(2026, 11, 27)
    # stall, entry lot, date cell, supplier, upstream code, product, jin, price, origin, voucher, result, rate
    rows = {
        "A-012": [
            ("SL2611270001", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270001", "青菜", 120, 1.80, "310151", "ZR2611270001", "合格", 11.0),
            ("SL2611270002", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270007", "西兰花", 60, 3.60, "310151", "ZR2611270002", "合格", 13.5),
            ("SL2611270003", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270013", "番茄", 80, 3.00, "370783", "ZR2611270003", "合格", 9.0),
        ],
        "A-015": [
            ("SL2611270004", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270002", "鸡毛菜", 60, 2.20, "310151", "ZR2611270004", "合格", 8.8),
            ("SL2611270005", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270010", "白萝卜", -20, 0.60, "310151", "ZR2611270005", "合格", 6.0),
            ("SL2611270006", Text("11/27"), "浦东新区周浦镇蔬菜种植户", "", "芹菜", 40, 2.40, "310115", "ZR2611270006", "合格", 17.2),
        ],
        "B-003": [
            ("SL2611270007", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270012", "金瓜", 50, 2.40, "310151", "ZR2611270007", "合格", 5.5),
        ],
        "B-008": [
            ("SL2611270009", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270003", "大白菜", 150, 0.80, "310151", "ZR2611270009", "合格", 7.9),
            ("", Date(day, "iso-date"), "南汇老港蔬菜合作社", "NH2611260204", "鸡毛菜", 30, 2.00, "310115", "CD2611260204", "合格", 10.2),
            ("SL2611270011", Date(day, "iso-date"), "南汇老港蔬菜合作社", "NH2611260205", "生菜", 45, 2.60, "310119", "CD2611260205", "合格", 14.3),
            ("SL2611270012", Date(day, "iso-date"), "西郊国际农产品交易中心", "XJV2611270009", "白萝卜", 100, 0.60, "310151", "ZR2611270012", "合格", 6.4),
        ],
    }
    header = ["摊位号", "经营者", "经营者信用代码", "进货日期", "进货批次号", "供货方", "来源追溯码", "品名", "数量(斤)",
              "进价(元/斤)", "产地", "进货凭证号", "快检结果", "抑制率(%)"]
    sheet = [[Merge("上海浦东新区三林菜场 摊位进货台账（2026年11月27日）", len(header))],
             [Merge("摊位信息", 3, style="group"), Merge("进货信息", 9, style="group"), Merge("快检", 2, style="group")],
             header]
    r = 4
    for stall, owner, code in stalls:
        start = r
        for (lot, when, supplier, upstream, product, jin, price, origin, voucher, result, rate) in rows[stall]:
            sheet.append([stall, owner, code, when, lot, supplier, upstream, product, Num(jin), Num(price, "fixed2"),
                          Text(origin), voucher, result, Num(rate, "fixed1")])
            r += 1
        total = sum(x[5] for x in rows[stall])
        sheet.append(["小计", None, None, None, None, None, None, None,
                      Formula(f"of:=SUM([.I{start}:.I{r - 1}])", total), None, None, None, None, None])
        r += 1
    roster = [["摊位号", "经营者", "经营者信用代码", "经营范围", "联系电话"]] + [
        [s, o, c.upper(), "蔬菜", "（登记在册）"] for s, o, c in stalls]
    spreadsheet("vegetable", src, "三林菜场进货台账_20261127.xlsx",
                [Sheet("进货台账", sheet, widths=[1.8, 2.6, 4.6, 2.6, 3.4, 5.2, 3.6, 2.0, 2.0, 2.2, 1.8, 3.4, 2.0, 2.0], header_row=3),
                 Sheet("摊位名册", roster, widths=[1.8, 2.6, 4.6, 2.0, 3.0], header_row=1)])


# ======================================================================= dairy: raw-milk collection station (CSV)
def dairy_station_jinshan():
    src = "dairy-station-jinshan"
    farms = {
        "FJ": ("上海金山区枫泾奶牛养殖专业合作社", uscc.make("93", "310116", "MA1FJ3P6"), "310116"),
        "LX": ("上海金山区吕巷牧业有限公司", uscc.make("91", "310116", "MA1FH2W9"), "310116"),
        "LXZ": ("上海金山廊下奶牛专业合作社", uscc.make("93", "310116", "MA1FK7Q2"), "310116"),
        "CM": ("上海崇明区前卫牧场有限公司", uscc.make("91", "310151", "MA1JX6T4"), "310151"),
    }
    # record, date, time, farm, delivery note, lot, kg, protein, fat, acidity, density, sensory, result, tank, temp, plate, permit
    rows = [
        ("SN261126001", "2026年11月26日", "05:40", "FJ", "FJ-JN-261126-01", "JSRM2611260001", "2,450", "3.18", "3.86", "14", "1.030", "正常", "合格", "1号罐", "3.8", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126002", "2026年11月26日", "06:05", "LX", "LX-261126-M", "JSRM2611260001", "3,120", "3.22", "3.91", "15", "1.031", "正常", "合格", "1号罐", "4.1", "沪K·7C058", "沪金准运2024-0121"),
        ("SN261126003", "2026年11月26日", "06:26", "LXZ", "LXZ261126A", "JSRM2611260001", "1,860", "3.1O", "3.74", "14", "1.030", "正常", "合格", "1号罐", "3.6", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126004", "2026年11月26日", "06:48", "CM", "QW-20261126-1", "JSRM2611260002", "4,200", "3.25", "3.95", "13", "1.032", "正常", "合格", "2号罐", "4.4", "沪C·5F330", "沪崇准运2025-0009"),
        ("SN261126005", "2026年11月26日", "07:10", "FJ", "FJ-JN-261126-02", "JSRM2611260002", "2,380", "3.16", "3.82", "14", "1.030", "正常", "合格", "2号罐", "3.9", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126006", "2026年12月26日", "07:32", "LX", "LX-261126-N", "JSRM2611260002", "1,540", "3.20", "3.88", "15", "1.031", "正常", "合格", "2号罐", "4.0", "沪K·7C058", "沪金准运2024-0121"),
        ("SN261126007", "2026年11月26日", "16:05", "FJ", "FJ-JN-261126-03", "JSRM2611260003", "2,310", "3.17", "3.84", "14", "1.030", "正常", "合格", "1号罐", "3.7", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126008", "2026年11月26日", "16:28", "LXZ", "LXZ261126B", "JSRM2611260003", "1,386,000", "3.19", "3.79", "14", "1.030", "正常", "合格", "1号罐", "3.9", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126009", "2026年11月26日", "16:50", "LX", "LX-261126-E", "JSRM2611260003", "2,960", "3.21", "3.90", "15", "1.031", "正常", "合格", "1号罐", "4.2", "沪K·7C058", "沪金准运2024-0121"),
        ("SN261126010", "2026年11月26日", "17:15", "CM", "QW-20261126-2", "JSRM2611260004", "3,980", "3.24", "3.93", "13", "1.032", "正常", "合格", "2号罐", "4.5", "沪C·5F330", "沪崇准运2025-0009"),
        ("SN261126011", "2026年11月26日", "17:40", "FJ", "FJ-JN-261126-04", "JSRM2611260004", "620", "3.02", "3.55", "19", "1.028", "异常", "不合格", "—", "6.8", "沪K·3A621", "沪金准运2024-0117"),
        ("SN261126012", "2026年11月26日", "18:02", "LXZ", "LXZ261126C", "JSRM2611260004", "1,740", "3.18", "3.77", "14", "1.030", "正常", "合格", "2号罐", "3.8", "沪K·3A621", "沪金准运2024-0117"),
    ]
    header = ["记录号", "收奶日期", "收奶时间", "牧场名称", "牧场信用代码", "交奶单号", "收购批次号", "奶量(公斤)",
              "蛋白质(%)", "脂肪(%)", "酸度(°T)", "相对密度", "感官", "检测结论", "储奶罐", "收奶温度(℃)",
              "运输车牌", "准运证号", "产地"]
    out = [header]
    for (rec, day, time, farm, note, lot, kg, prot, fat, acid, dens, sens, result, tank, temp, plate, permit) in rows:
        name, code, region = farms[farm]
        if rec == "SN261126003":
            pass                                   # protein typed with the letter O: 3.1O
        if rec == "SN261126012":
            code = code[:10] + "Z" + code[11:]     # mistake: Z is not a credit-code symbol
        if farm == "CM" and rec == "SN261126010":
            region = "310230"                      # warning: the farm register still says 崇明县
        out.append([rec, day, time, name, code, note, lot, kg, prot, fat, acid, dens, sens, result, tank, temp, plate, permit, region])
    write_csv(path("dairy", src, "收奶记录_20261126.csv"), out, "utf-8", delimiter=";", quote_all=True)


# ======================================================================= dairy: plant production and dispatch (XML with namespaces)
def dairy_plant_pujiang():
    src = "dairy-plant-pujiang"
    products = {
        "M250": ("PJY-M250", gtin("697123450001"), "浦江源纯牛奶 250mL", 21),
        "M950": ("PJY-M950", gtin("697123450002"), "浦江源鲜牛奶 950mL", 7),
        "Y200": ("PJY-Y200", gtin("697123450010"), "浦江源原味酸奶 200g", 21),
        "UHT": ("PJY-U250", gtin("697123450020"), "浦江源高钙奶 250mL", 180),
    }
    # id, line, shift, product, start, end, output, uom, lots, region, result, report, protein, fat, remark
    batches = [
        ("PJY2611260301", "L3", "白班", "M950", "2026-11-26T08:10:00", "2026-11-26T11:40:00", 8600, "瓶", "JSRM2611260001", "310116", "合格", "QC2611260301", "3.15", "3.80", None),
        ("PJY2611260302", "L3", "白班", "M950", "2026-11-26T12:20:00", "2026-11-26T15:05:00", 7200, "瓶", "JSRM2611260001 JSRM2611260002", "310116", "合格", "QC2611260302", "3.16", "3.82", None),
        ("PJY2611260303", "L1", "白班", "M250", "2026-11-26T09:00:00", "2026-11-26T16:30:00", 24000, "盒", "JSRM2611260002", "310116", "合格", "QC2611260303", "3.12", "3.76", None),
        ("PJY2611260304", "L2", "白班", "Y200", "2026-11-26T25:10:00", "2026-11-26T18:00:00", 12000, "瓶", "JSRM2611260002", "310116", "合格", "QC2611260304", "2.95", "3.10", None),
        ("PJY2611260305", "L1", "夜班", "UHT", "2026-11-26T19:30:00", "2026-11-27T02:10:00", 36000, "盒", "JSRM2611260003", "310116", "合格", "QC2611260305", "3.20", "3.60", None),
        ("PJY2611260306", "L3", "夜班", "M950", "2026-11-26T20:00:00", "2026-11-26T20:45:00", 0, "瓶", "JSRM2611260003", "310116", "合格", "QC2611260306", "3.14", "3.78", "灌装机故障，批次中止"),
        ("PJY2611260307", "L2", "夜班", "Y200", "2026-11-26T21:15:00", "2026-11-27T03:00:00", 10500, "瓶", "JSRM2611260004", "310230", "合格", "QC2611260307", "2.96", "3.12", None),
        (None, "L1", "夜班", "M250", "2026-11-27T02:40:00", "2026-11-27T05:50:00", 18000, "盒", "JSRM2611260004", "310116", "合格", "QC2611270308", "3.13", "3.75", "批次号未生成（系统补录）"),
        ("PJY2611270309", "L3", "夜班", "M950", "2026-11-27T03:10:00", "2026-11-27T06:20:00", 8800, "瓶", "JSRM2611260004", "310116", "合格", "QC2611270309", "3.15", "3.81", None),
        ("PJY2611270310", "L1", "夜班", "M250", "2026-11-27T05:30:00", "2026-11-27T07:40:00", 12000, "盒", "JSRM2611260004", "310116", "合格", "QC2611270310", "3.13", "3.74", "bad-gtin"),
    ]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<ProductionReport xmlns="urn:pjy-dairy:mes:production:2.1" xmlns:qa="urn:pjy-dairy:qa:1.0"',
             '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" reportDate="2026-11-26" schemaVersion="2.1">',
             '  <Header>',
             f'    <Plant code="PJY-SJ01" uscc="{PUJIANG[1]}">{PUJIANG[0]} 松江工厂</Plant>',
             '    <GeneratedAt>2026-11-27T08:00:12+08:00</GeneratedAt>',
             '    <GeneratedBy>MES-EXPORT 3.4.2</GeneratedBy>',
             '  </Header>',
             '  <Batches count="%d">' % len(batches)]
    for (bid, line, shift, prod, start, end, output, uom, lots, region, result, report, protein, fat, remark) in batches:
        sku, code, name, shelf = products[prod]
        if remark == "bad-gtin":
            code = bad_gtin(code[:-1])             # mistake: the label system's barcode was typed by hand
            remark = "条码手工补录"
        id_attr = f' id="{bid}"' if bid else ""
        parts.append(f'    <Batch{id_attr} line="{line}" shift="{shift}">')
        parts.append(f'      <Product sku="{sku}" gtin="{code}">')
        parts.append(f'        <Name>{name}</Name>')
        parts.append('      </Product>')
        parts.append(f'      <Start>{start}</Start>')
        parts.append(f'      <End>{end}</End>')
        parts.append(f'      <Output uom="{uom}">{output}</Output>')
        parts.append(f'      <RawMilk lots="{lots}" region="{region}"/>')
        parts.append(f'      <qa:Release result="{result}" report="{report}">')
        parts.append(f'        <qa:Protein unit="%">{protein}</qa:Protein>')
        parts.append(f'        <qa:Fat unit="%">{fat}</qa:Fat>')
        parts.append('      </qa:Release>')
        parts.append(f'      <ProductionDate>{start[:10] if not start.startswith("2026-11-26T25") else "2026-11-26"}</ProductionDate>')
        parts.append(f'      <ShelfLife unit="d">{shelf}</ShelfLife>')
        if remark:
            parts.append(f'      <Remark>{remark}</Remark>')
        parts.append('    </Batch>')
    parts += ['  </Batches>', '</ProductionReport>', '']
    write_bytes(path("dairy", src, "MES_PROD_20261126.xml"), "\n".join(parts), "utf-8")

    customers = {
        "LJ": ("C0103", LIANJIA[0], LIANJIA[1]),
        "HD": ("C0210", "上海华东乳品分销有限公司", uscc.make("91", "310113", "MA1GC3P8")),
        "XH": ("C0307", "上海徐汇区漕溪团膳配送有限公司", uscc.make("91", "310104", "MA1FQ8W2")),
        "SJ": ("C0412", "上海松江区九亭学校后勤服务有限公司", org_code_typo("91", "310117", "MA1HA6B3")),  # warning
        "BS": ("C0518", "上海宝山区月浦便利连锁有限公司", uscc.make("91", "310113", "MA1GB4K2")),
    }
    # note, line, time, customer, batch, product, qty(件), plate, temp
    lines = [
        ("FH2611270012", 1, "2026-11-27 06:10", "LJ", "PJY2611260301", "M950", 120, "沪D·7K2X1", "4.2"),
        ("FH2611270012", 2, "2026-11-27 06:10", "LJ", "PJY2611260303", "M250", 200, "沪D·7K2X1", "4.2"),
        ("FH2611270013", 1, "2026-11-27 06:25", "HD", "PJY2611260302", "M950", 300, "沪D·8M316", "3.9"),
        ("FH2611270013", 2, "2026-11-27 06:25", "HD", "PJY2611260305", "UHT", 800, "沪D·8M316", "3.9"),
        ("FH2611270014", 1, "2026/11/27 06:40", "XH", "PJY2611260303", "M250", 150, "沪D·5Q720", "4.0"),
        ("FH2611270015", 1, "2026-11-27 07:05", "SJ", "PJY2611260307", "Y200", 260, "沪D·5Q720", "4.1"),
        ("FH2611270016", 1, "2026-11-27 07:20", "BS", "PJY2611260305", "UHT", -12, "沪D·7K2X1", "4.3"),
        ("FH2611270017", 1, "2026-11-27 07:45", "BS", "PJY2611260302", "M950", 90, "沪D·7K2X1", "4.3"),
    ]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<wms:ShipmentExport xmlns:wms="urn:pjy-dairy:wms:1.3" exported="2026-11-27T12:00:00" warehouse="SJ-CK1">']
    for (note, no, when, cust, batch, prod, qty, plate, temp) in lines:
        code, cname, cuscc = customers[cust]
        sku, g, name, _ = products[prod]
        if note == "FH2611270017":
            cuscc = cuscc[:8] + "MAIGB4K2" + cuscc[16:]   # mistake: 1 typed as the letter I
        parts += [f'  <wms:Line note="{note}" no="{no}">',
                  f'    <wms:ShipTime>{when}</wms:ShipTime>',
                  f'    <wms:Customer code="{code}" uscc="{cuscc}">{cname}</wms:Customer>',
                  f'    <wms:Batch>{batch}</wms:Batch>',
                  f'    <wms:Item sku="{sku}" gtin="{g}">{name}</wms:Item>',
                  f'    <wms:Qty unit="件">{qty}</wms:Qty>',
                  f'    <wms:Vehicle plate="{plate}" tempC="{temp}"/>',
                  '  </wms:Line>']
    parts += ['</wms:ShipmentExport>', '']
    write_bytes(path("dairy", src, "WMS_SHIP_20261127.xml"), "\n".join(parts), "utf-8")


# ======================================================================= dairy: imported milk powder (XLSX)
def dairy_import_waigaoqiao():
    src = "dairy-import-waigaoqiao"
    consignees = {
        "HD": ("上海华东乳品分销有限公司", uscc.make("91", "310113", "MA1GC3P8")),
        "MY": ("上海母婴之家连锁有限公司", uscc.make("91", "310115", "MA1KA3C7")),
        "FZ": ("福州试点冷链配送有限公司", PILOT_USCC),
        "LJ": LIANJIA,
    }
    # arrival date, declaration, inspection cert, name, english, spec, gtin, country, exporter, lot, production date, shelf days, qty, unit, consignee, remark
    rows = [
        (D(2026, 11, 20), "221820261000381245", "310000126001183412", "婴儿配方奶粉（0-6月龄，1段）", "Southern Meadow Infant Formula Stage 1", "800g/罐", gtin("942100000101"), "新西兰", "Southern Meadow Dairy Ltd", "SM2609A17", D(2026, 9, 17), 720, "480", "罐", "MY", ""),
        (D(2026, 11, 20), "221820261000381245", "310000126001183412", "较大婴儿配方奶粉（6-12月龄，2段）", "Southern Meadow Follow-on Formula Stage 2", "800g/罐", gtin("942100000102"), "新西兰", "Southern Meadow Dairy Ltd", "SM2609B02", D(2026, 9, 2), 720, "360", "罐", "MY", ""),
        (D(2026, 11, 22), "221820261000392817", "310000126001196030", "全脂乳粉", "Alpenhof Whole Milk Powder", "1kg/袋", gtin("400000012345"), "德国", "Alpenhof Milchwerke GmbH", "AH26-0918", D(2026, 9, 18), 540, "1,200", "袋", "HD", ""),
        (D(2026, 11, 22), "221820261000392817", "310000126001196030", "脱脂乳粉", "Alpenhof Skimmed Milk Powder", "1kg/袋", gtin("400000012346"), "德国", "Alpenhof Milchwerke GmbH", "AH26-0925", D(2026, 9, 25), 540, "800", "袋", "HD", ""),
        (D(2026, 11, 24), "221820261000405533", "310000126001210775", "儿童成长配方奶粉（3段）", "Polder Kids Growing-up Milk 3", "900g/罐", "94150070123", "荷兰", "Polder Nutrition B.V.", "PK2610C11", D(2026, 10, 11), 730, "240", "罐", "MY", "条码按外箱抄录"),
        (D(2026, 11, 24), "221820261000405533", "310000126001210775", "婴儿配方奶粉（1段）", "Polder Baby Formula 1", "900g/罐", gtin("871234500011"), "荷兰", "Polder Nutrition B.V.", "PB2610A05", D(2026, 10, 5), 730, "48罐", "罐", "LJ", ""),
        (D(2026, 11, 25), "221820261000411906", "310000126001219388", "全脂乳粉", "Celtic Pastures Whole Milk Powder", "25kg/袋", gtin("539123400050"), "爱尔兰", "Celtic Pastures Co-operative", "CP26-2207", Text("2026/02/30"), 720, "40", "袋", "HD", ""),
        (D(2026, 11, 25), "221820261000411906", "310000126001219388", "乳清蛋白粉", "Celtic Pastures Whey Protein Concentrate 80", "20kg/袋", gtin("539123400067"), "爱尔兰", "Celtic Pastures Co-operative", "CP26-2214", D(2026, 8, 14), 720, "60", "袋", "FZ", ""),
        (D(2026, 11, 26), "221820261000418460", "310000126001224951", "婴儿配方羊奶粉（1段）", "Kiwi Goat Infant Formula Stage 1", "800g/罐", gtin("942100000305"), "新西兰", "Kiwi Goat Nutrition Ltd", "KG2610A21", D(2026, 10, 21), 720, "300", "罐", "MY", ""),
        (D(2026, 12, 27), "221820261000418460", "310000126001224951", "婴儿配方羊奶粉（2段）", "Kiwi Goat Follow-on Formula Stage 2", "800g/罐", gtin("942100000306"), "新西兰", "Kiwi Goat Nutrition Ltd", "KG2610B03", D(2026, 10, 3), 720, "300", "罐", "MY", "入库日期录错"),
        (D(2026, 11, 27), "221820261000424118", "310000126001230206", "全脂乳粉", "Outback Dairies Instant Full Cream Milk Powder", "1kg/袋", gtin("930000123456"), "澳大利亚", "Outback Dairies Pty Ltd", "OD261012", D(2026, 10, 12), 540, "1,000", "袋", "HD", ""),
        (D(2026, 11, 27), "221820261000424118", "310000126001230206", "全脂灭菌乳（UHT）", "Outback Dairies UHT Full Cream Milk", "1L/盒", gtin("930000123470"), "澳大利亚", "Outback Dairies Pty Ltd", "OD261102", D(2026, 11, 2), 270, "2,400", "升", "HD", "按升入账"),
        (D(2026, 11, 27), "221820261000424118", "310000126001230206", "调制乳粉", "Outback Dairies Kids Formulated Milk Powder", "800g/罐", gtin("930000123463"), "澳大利亚", "Outback Dairies Pty Ltd", "OD261019", D(2026, 10, 19), 540, "200", "罐", "LJ", ""),
    ]
    header = ["入库日期", "报关单号", "检验检疫证明编号", "商品名称", "英文名称", "规格", "商品条码", "原产国", "境外出口商",
              "生产批号", "生产日期", "保质期(天)", "数量", "单位", "收货单位", "收货单位信用代码", "备注"]
    sheet = [[Merge("上海港辰进出口贸易有限公司 进口乳品入库台账（2026年11月）", len(header))], header]
    for (arrival, decl, insp, name, en, spec, code, country, exporter, lot, made, shelf, qty, unit, cons, remark) in rows:
        cname, cuscc = consignees[cons]
        made_cell = made if isinstance(made, Text) else Date(made, "cn-date")
        # a plain number is a number cell; "1,200" was typed as text with its separator; "48罐" is a mistake
        qty_cell = Num(int(qty)) if qty.isdigit() else Text(qty)
        sheet.append([Num(excel_serial(arrival.date())), Text(decl), Text(insp), name, en, spec, Text(code), country,
                      exporter, lot, made_cell, shelf, qty_cell, unit, cname, cuscc, remark])
    notes = [["填写说明"],
             ["1. 入库日期按系统导出的日期序号填写（请勿改格式）。"],
             ["2. 报关单号为18位数字；检验检疫证明编号按证书填写。"],
             ["3. 商品条码填写最小销售单元条码（13位）。"],
             ["4. 数量只填数字，单位在“单位”列选择。"],
             ["5. 台账数据在第二张工作表“入库台账”。"]]
    spreadsheet("dairy", src, "进口乳品入库台账_202611.xlsx",
                [Sheet("填写说明", notes, widths=[16]),
                 Sheet("入库台账", sheet, widths=[2.2, 4.2, 4.2, 6.4, 7.0, 2.2, 3.2, 1.8, 5.6, 2.6, 3.2, 2.0, 1.8, 1.2, 5.6, 4.4, 3.6],
                       header_row=2)])


# ======================================================================= elevator: maintenance records (XML, legacy city-platform style, GBK)
def elevator_maint_husheng():
    src = "elevator-maint-husheng"
    users = {
        "XH": ("上海徐汇区漕河泾物业管理有限公司", uscc.make("91", "310104", "MA1FP9KD")),
        "CN": ("上海长宁天山物业服务有限公司", "9131010563078521XX"),
        "JA": ("上海静安江宁物业管理有限公司", check_digit_typo(uscc.make("91", "310106", "MA1GL2CU"))),  # warning
        "PT": ("上海普陀区曹杨新村物业有限公司", uscc.make("91", "310107", "MA1FR2T8")),
        "HP": ("上海黄浦外滩商务楼宇管理有限公司", uscc.make("91", "310101", "MA1FD2H6")),
    }
    types = {"01": "半月维保", "02": "季度维保", "03": "半年维保", "04": "年度维保", "09": "故障维修"}
    # maint id, registration code (20), equipment code (18), 96333 code, user, area, type, date, begin, end, staff, next inspection, result
    rows = [
        ("HS-WB-20261126-001", "31103101042015060012", "311010128201500153", "41207", "XH", "310104", "01", "2026-11-26", "08:30", "09:12", "T0312,T0347", "2027-04-18", "正常"),
        ("HS-WB-20261126-002", "31103101042015060013", "311010128201500154", "41208", "XH", "310104", "01", "2026-11-26", "09:20", "10:05", "T0312,T0347", "2027-04-18", "正常"),
        ("HS-WB-20261126-003", "31103101052018110031", "311031006201800872", "50316", "CN", "310105", "02", "2026-11-26", "10:30", "12:10", "T0355,T0360", "2027-06-02", "更换门机皮带"),
        ("HS-WB-20261126-004", "31103101082012030007", "311010128201100936", "62011", "JA", "310106", "01", "2026-11-26", "13:00", "13:40", "T0355,T0360", "2027-03-09", "正常"),
        ("HS-WB-20261126-005", "", "311010128201100937", "62012", "JA", "310106", "01", "2026-11-26", "13:45", "14:25", "T0355,T0360", "2027-03-09", "注册代码牌缺失，已报使用单位"),
        ("HS-WB-20261126-006", "31103101072010080022", "311031006201000415", "58804", "PT", "310107", "04", "2026-11-31", "09:00", "15:30", "T0312,T0388", "2027-01-20", "年度维保完成"),
        ("HS-WB-20261126-007", "31103101072010080023", "311031006201000416", "58805", "PT", "310107", "01", "2026-11-26", "15:40", "16:15", "T0312,T0388", "2027-01-20", "正常"),
        ("HS-WB-20261126-008", "31103101012016050041", "311010128201600201", "30127", "HP", "310101", "07", "2026-11-26", "19:00", "20:30", "T0347,T0391", "2027-05-11", "夜间维保"),
        ("HS-WB-20261126-009", "31103101012016050042", "311010128201600202", "30128", "HP", "310101", "09", "2026-11-26", "20:40", "22:15", "T0347,T0391", "2027-05-11", "更换平层感应器"),
        ("HS-WB-20261126-010", "31103101052018110032", "311031006201800873", "50317", "CN", "310105", "01", "2026-11-26", "11:00", "11:35", "T0355,T0360", "2027-06-02", "正常"),
        ("HS-WB-20261126-011", "31103101042019090105", "311010128201900588", "41533", "XH", "310104", "03", "2026-11-26", "14:00", "16:20", "T0388,T0391", "2027-09-30", "正常"),
        ("HS-WB-20261126-012", "31103101042019090106", "311010128201900589", "41534", "XH", "310104", "01", "2026-11-26", "16:30", "17:05", "T0388,T0391", "2027-09-30", "正常"),
    ]
    parts = ['<?xml version="1.0" encoding="GBK"?>', "<elevator_maint_data>", "  <head>",
             f"    <unit_code>{HUSHENG[1]}</unit_code>", f"    <unit_name>{HUSHENG[0]}</unit_name>",
             "    <data_date>20261126</data_date>", f"    <record_count>{len(rows)}</record_count>",
             "    <interface_version>1.0</interface_version>", "  </head>", "  <body>"]
    for i, (mid, reg, equip, em, user, area, typ, day, begin, end, staff, nxt, result) in enumerate(rows, start=1):
        name, code = users[user]
        if mid.endswith("-010"):
            code = "91310105630785210O"            # mistake: the letter O where a digit belongs
        parts += [f'    <elevator_maint_info_base seq="{i}">',
                  f"      <maint_id>{mid}</maint_id>",
                  f"      <register_code>{reg}</register_code>",
                  f"      <equip_code>{equip}</equip_code>",
                  f"      <emergency_code>{em}</emergency_code>",
                  f'      <use_unit code="{code}">{name}</use_unit>',
                  f"      <area_code>{area}</area_code>",
                  f"      <maint_type>{typ}</maint_type>",
                  f"      <maint_date>{day}</maint_date>",
                  f"      <begin_time>{begin}</begin_time>",
                  f"      <end_time>{end}</end_time>",
                  f"      <maint_staff>{staff}</maint_staff>",
                  f"      <next_check_date>{nxt}</next_check_date>",
                  f'      <result flag="{0 if result == "正常" else 1}">{result}</result>',
                  "    </elevator_maint_info_base>"]
    parts += ["  </body>", "</elevator_maint_data>", ""]
    write_bytes(path("elevator", src, "wb_maint_20261126.xml"), "\r\n".join(parts), "gbk")


# ======================================================================= gas cylinders: filling records (tab-separated "CSV", GBK)
def gascyl_fill_pudong():
    src = "gascyl-fill-pudong"
    users = {
        "LW": ("上海浦东新区惠南老王面馆", uscc.make("92", "310115", "MA1P2K7A")),
        "XF": ("上海浦东新区鑫福餐饮管理有限公司", uscc.make("91", "310115", "MA1K9EQ3")),
        "AJ": ("上海浦东新区周浦阿娟小吃店", uscc.make("92", "310115", "MA1P3L4B")),
        "JM": ("居民用户（散户）", ""),
        "HX": ("上海浦东新区航头好享来饭店", check_digit_typo(uscc.make("92", "310115", "MA1P5N8D"))),   # warning
        "YC": ("上海浦东新区宜春食堂管理有限公司", uscc.make("91", "310115", "MA1KB7E4")),
    }
    # date, start, cylinder code (18), registration cert, medium, volume, kg, residual, after, gun, worker, next inspection, pre, post, user, remark
    rows = [
        ("2026/11/26", "7:05", "231031018202100345", "沪气瓶登(2021)P034512", "液化石油气", "35.5", "14.5", "0.15", "0.78", "G1", "CZ017", "2027/3/31", "√", "√", "LW", ""),
        ("2026/11/26", "7:12", "231031018202100346", "沪气瓶登(2021)P034513", "液化石油气", "35.5", "14.6", "0.12", "0.80", "G2", "CZ017", "2027/3/31", "√", "√", "LW", ""),
        ("2026/11/26", "7:26", "231031018201900812", "沪气瓶登(2019)P081220", "", "118", "49.5", "0.10", "0.82", "G3", "CZ022", "2026/12/15", "√", "√", "XF", "介质未选（默认液化石油气）"),
        ("2026/11/26", "7:40", "231031018201900813", "沪气瓶登(2019)P081221", "LPG", "118", "49.8", "0.08", "0.81", "G3", "CZ022", "2026/12/15", "√", "√", "XF", ""),
        ("2026/11/26", "7:58", "", "沪气瓶登(2020)P052318", "液化石油气", "35.5", "14.5", "0.20", "0.79", "G1", "CZ017", "2028/6/30", "√", "√", "AJ", "电子标签无法读取"),
        ("2026/11/26", "8:15", "231031018202200127", "沪气瓶登(2022)P012706", "液化石油气", "35.5", "14.4", "0.18", "0.77", "G2", "CZ017", "2026/12/31", "?", "√", "JM", "外观检查未记录"),
        ("2026/11/26", "8:31", "231031018202200128", "沪气瓶登(2022)P012707", "液化石油气", "35.5", "14.6", "0.11", "0.80", "G1", "CZ022", "2026/12/31", "√", "√", "JM", ""),
        ("2026/11/36", "8:47", "231031018202000611", "沪气瓶登(2020)P061109", "液化石油气", "35.5", "14.5", "0.16", "0.78", "G2", "CZ022", "2027/8/31", "√", "√", "HX", ""),
        ("2026/11/26", "9:03", "231031018202000612", "沪气瓶登(2020)P061110", "液化石油气", "35.5", "14.7", "0.09", "0.81", "G1", "CZ017", "2027/8/31", "√", "√", "HX", ""),
        ("2026/11/26", "9:20", "231031018202300209", "沪气瓶登(2023)P020915", "液化石油气", "118", "0", "0.55", "0.55", "G3", "CZ022", "2029/4/30", "√", "×", "YC", "角阀漏气，停止充装"),
        ("2026/11/26", "9:38", "231031018202300210", "沪气瓶登(2023)P020916", "液化石油气", "118", "49.6", "0.07", "0.82", "G3", "CZ022", "2029/4/30", "√", "√", "YC", ""),
        ("2026/11/26", "9:55", "231031018202100347", "沪气瓶登(2021)P034514", "液化石油气", "35.5", "14.5", "0.14", "0.79", "G2", "CZ017", "2027/3/31", "√", "√", "AJ", ""),
        ("2026/11/26", "10:12", "231031018202100348", "沪气瓶登(2021)P034515", "丙烷", "35.5", "13.8", "0.10", "0.95", "G4", "CZ031", "2027/3/31", "√", "√", "XF", ""),
        ("2026/11/26", "10:30", "231031018202200129", "沪气瓶登(2022)P012708", "液化石油气", "35.5", "14.5", "0.13", "0.78", "G1", "CZ031", "2026/12/31", "√", "√", "JM", ""),
    ]
    header = ["序号", "充装日期", "开始时间", "气瓶编号", "使用登记证号", "介质", "公称容积(L)", "充装量(kg)",
              "充装前余压(MPa)", "充装后压力(MPa)", "充装枪号", "充装工号", "下次检验日期", "充装前检查", "充装后检查",
              "用户名称", "用户信用代码", "备注"]
    out = [header]
    for i, (day, start, code, cert, medium, vol, kg, res, after, gun, worker, nxt, pre, post, user, remark) in enumerate(rows, start=1):
        name, ucode = users[user]
        out.append([i, day, start, code, cert, medium, vol, kg, res, after, gun, worker, nxt, pre, post, name, ucode, remark])
    write_csv(path("gas-cylinder", src, "充装记录_20261126.csv"), out, "gbk", delimiter="\t")


SOURCES = {
    "meat-slaughter-wuhao": meat_slaughter_wuhao,
    "meat-wholesale-jiangqiao": meat_wholesale_jiangqiao,
    "meat-supermarket-lianjia": meat_supermarket_lianjia,
    "vegetable-base-chongming": vegetable_base_chongming,
    "vegetable-wholesale-xj": vegetable_wholesale_xj,
    "vegetable-wetmarket-sanlin": vegetable_wetmarket_sanlin,
    "dairy-station-jinshan": dairy_station_jinshan,
    "dairy-plant-pujiang": dairy_plant_pujiang,
    "dairy-import-waigaoqiao": dairy_import_waigaoqiao,
    "elevator-maint-husheng": elevator_maint_husheng,
    "gascyl-fill-pudong": gascyl_fill_pudong,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(SOURCES)
    for name in chosen:
        SOURCES[name]()
        print("wrote", name, "operator", *OPERATORS[name])
