package org.tracehub.hub.config;

/** A code of {@code hub.standard.extra-region-codes} that cannot be added to the GB/T 2260 table: the start stops. */
public class ExtraRegionCodesException extends RuntimeException {

    static final String ACTION = "改正或删除 " + StandardSettings.EXTRA_REGION_CODES + " 中的上述代码后重新启动：每个代码须为现行省级"
            + "行政区划下的6位地级或县级代码，且不在随版本发布的代码表（codes/gb2260.csv、gb2260-retired.csv）中（hub/README.md，"
            + "“Operations: region codes a release does not carry yet”）。";

    ExtraRegionCodesException(String problems) {
        super(StandardSettings.EXTRA_REGION_CODES + " 中有无法加入GB/T 2260代码表的代码：" + problems);
    }
}
