package org.tracehub.platform.trace;

import java.math.BigInteger;
import java.util.List;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * A realistic pork chain: a live-pig lot from a farm in 来安县, slaughtered in Shanghai, sold at
 * the wholesale market to a supermarket, received there and sold over the counter. The slaughter
 * record names a private cargo owner and an inspector; the sale names a private shopper — none of
 * them may ever be shown.
 */
final class PorkChain {

    static final String PIG_LOT = "SZ2611250017";
    static final String SLAUGHTER_LOT = "TZ2611260088";
    static final String WHOLESALE_LOT = "XJM2611270001";
    static final String RETAIL_LOT = "LH2611270033";
    static final String SALE = "LH26112700330007";
    static final String OWNER = "张建国";
    static final String INSPECTOR = "李卫东";
    static final String SHOPPER = "王小明";

    private PorkChain() {
    }

    static List<TraceEvent> events() {
        return List.of(
                ChainEvents.meat(PIG_LOT, Step.PRODUCE, "2026-11-25T16:00:00+08:00")
                        .operator(ChainEvents.FARM, "来安县绿源生猪养殖专业合作社", NodeType.FARM)
                        .product("0001", "生猪").quantity("12", "HEA").origin("341122")
                        .certificate(CertificateType.ORIGIN_QUARANTINE, "A3411220001234").build(),
                ChainEvents.meat(SLAUGHTER_LOT, Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").inputs(PIG_LOT)
                        .operator(ChainEvents.SLAUGHTERHOUSE, "上海五丰上食食品有限公司", NodeType.SLAUGHTERHOUSE)
                        .product("010101", "白条猪").quantity("1140.5", "KGM").origin("341122")
                        .certificate(CertificateType.ANIMAL_QUARANTINE, "3100123456")
                        .certificate(CertificateType.MEAT_QUALITY, "310012611260088")
                        .meatExtension(m -> {
                            m.setOwner(OWNER);
                            m.setInspector(INSPECTOR);
                            m.setHeadCount(BigInteger.valueOf(12));
                            m.setSampledHeadCount(BigInteger.valueOf(3));
                            m.setPositiveCount(BigInteger.ZERO);
                        }).build(),
                ChainEvents.meat(WHOLESALE_LOT, Step.WHOLESALE, "2026-11-27T03:15:00+08:00").inputs(SLAUGHTER_LOT)
                        .counterparty(ChainEvents.SUPERMARKET, "上海联华超市有限公司", NodeType.SUPERMARKET)
                        .product("010101", "白条猪").quantity("128.25", "KGM").origin("341122")
                        .certificate(CertificateType.ANIMAL_QUARANTINE, "3100123456").build(),
                ChainEvents.meat(RETAIL_LOT, Step.RETAIL_ENTRY, "2026-11-27T07:40:00+08:00").inputs(WHOLESALE_LOT)
                        .operator(ChainEvents.SUPERMARKET, "上海联华超市有限公司", NodeType.SUPERMARKET)
                        .product("010102", "猪后腿肉").quantity("128.25", "KGM").origin("341122").build(),
                ChainEvents.meat(SALE, Step.RETAIL_SALE, "2026-11-27T18:05:00+08:00").inputs(RETAIL_LOT)
                        .operator(ChainEvents.SUPERMARKET, "上海联华超市有限公司", NodeType.SUPERMARKET)
                        .counterparty(null, SHOPPER, null)
                        .product("010102", "猪后腿肉").quantity("0.62", "KGM").origin("341122").build());
    }
}
