package org.tracehub.mappings.engine;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expression of the spec ({@code expr}, {@code skip.when}) that fails on a row. The fault is the spec's, not the
 * row's: the clerk reads, in Chinese, which rule failed and that the platform's admin must fix it (the engine's English
 * reason would mean nothing to them); the reason goes to the log, once per file and expression, since an expression
 * that fails usually fails on every row. One per engine, so per file.
 */
final class ExpressionFailures {

    private static final Logger log = LoggerFactory.getLogger(MappingEngine.class);

    private final String source;
    private final Set<String> logged = new HashSet<>();

    ExpressionFailures(String source) {
        this.source = source;
    }

    /** The message of a field's {@code expr} that failed, after logging the reason. */
    String ofField(String field, String expression, long row, RuntimeException e) {
        logOnce("field " + field, expression, row, e);
        return "映射规则计算出错：字段" + field + "的表达式“" + expression + "”无法计算，本行未能转换；这是平台映射规则的问题，"
                + "不是文件内容的问题，请联系平台管理员";
    }

    /** The message of a {@code skip.when} that failed, after logging the reason. */
    String ofSkipRule(String expression, long row, RuntimeException e) {
        logOnce("skip rule", expression, row, e);
        return "映射规则计算出错：跳过规则“" + expression + "”无法计算，本行未能转换；这是平台映射规则的问题，不是文件内容的问题，"
                + "请联系平台管理员";
    }

    private void logOnce(String where, String expression, long row, RuntimeException e) {
        if (logged.add(where + "\u0000" + expression)) {
            log.warn("source {}: the {} expression \"{}\" failed on row {}: {} (later failures of it in this file are not logged)",
                    source, where, expression, row, e.getMessage());
        }
    }
}
