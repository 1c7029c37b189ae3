package org.tracehub.hub.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/**
 * Whether this Java can name files in Chinese. Java 17 turns file names and command-line arguments into text in
 * {@code sun.jnu.encoding}, which follows the locale: ASCII under {@code LC_ALL=C} or without {@code LANG} (cron, a
 * container, a systemd unit). There {@code convert --spec x.yaml 交易明细_20261127.csv} got a garbled argument, and the
 * server could form no path for a Chinese upload or archive name — with no word why. The hub and every command stop
 * before they start instead. {@code -Dsun.jnu.encoding=UTF-8} does not help: Java 17 sets the property from the locale
 * whatever the command line says.
 */
public final class FileNameCharset {

    /** The system property Java 17 encodes file names and arguments in. */
    public static final String PROPERTY = "sun.jnu.encoding";

    private FileNameCharset() {
    }

    /** Why file names and arguments in {@code encoding} (the property's value) cannot hold Chinese, or null. */
    public static String problem(String encoding) {
        if (encoding == null || canEncodeChinese(encoding)) {
            return null;
        }
        return "系统区域设置（locale）不支持中文文件名（" + CliCodes.LOCALE_UNSUPPORTED + "，" + PROPERTY + "=" + encoding
                + "）：中文文件名和参数会变成乱码。请设置 LANG=C.UTF-8 后再运行（LC_ALL、LC_CTYPE 请取消或同样设为 C.UTF-8），"
                + "例如 LANG=C.UTF-8 java -jar trace-hub.jar …；cron、systemd、容器中同样需要设置。\n"
                + "The locale cannot encode Chinese file names (" + PROPERTY + "=" + encoding + "): set LANG=C.UTF-8 "
                + "(with LC_ALL and LC_CTYPE unset or C.UTF-8 as well) and run again; -D" + PROPERTY + "=UTF-8 has no effect "
                + "on Java 17.";
    }

    /** Why this Java cannot work with Chinese file names, or null. */
    public static String problem() {
        return problem(System.getProperty(PROPERTY));
    }

    private static boolean canEncodeChinese(String encoding) {
        try {
            // Java falls back to UTF-8 for a charset it does not know; nothing to refuse then
            return !Charset.isSupported(encoding) || Charset.forName(encoding).newEncoder().canEncode("交易明细");
        } catch (IllegalCharsetNameException e) {
            return true;
        }
    }
}
