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

    /**
     * Why file names and arguments in {@code encoding} (the property's value) cannot hold Chinese, or null; the advice
     * is for {@code osName} (the {@code os.name} property). On Windows the charset is the system locale's ANSI code page,
     * not {@code LANG}'s: an English Windows has Cp1252, which cannot encode Chinese either.
     */
    public static String problem(String encoding, String osName) {
        if (encoding == null || canEncodeChinese(encoding)) {
            return null;
        }
        String found = "（" + CliCodes.LOCALE_UNSUPPORTED + "，" + PROPERTY + "=" + encoding + "）：中文文件名和参数会变成乱码。";
        if (osName != null && osName.startsWith("Windows")) {
            return "Windows 系统区域设置不支持中文文件名" + found
                    + "请在“控制面板 → 时钟和区域 → 区域 → 管理 → 更改系统区域设置”中将当前系统区域设置改为“中文(简体，中国)”，"
                    + "或勾选“Beta 版: 使用 Unicode UTF-8 提供全球语言支持”，重启 Windows 后再运行；LANG 等环境变量在 Windows 上无效。\n"
                    + "The Windows system locale cannot encode Chinese file names (" + PROPERTY + "=" + encoding + "): in Control "
                    + "Panel → Clock and Region → Region → Administrative → Change system locale, set it to Chinese (Simplified, "
                    + "China) or tick \"Beta: Use Unicode UTF-8 for worldwide language support\", restart Windows and run again. "
                    + "LANG has no effect on Windows, -D" + PROPERTY + "=UTF-8 none on Java 17.";
        }
        return "系统区域设置（locale）不支持中文文件名" + found
                + "请设置 LANG=C.UTF-8 后再运行（LC_ALL、LC_CTYPE 请取消或同样设为 C.UTF-8），"
                + "例如 LANG=C.UTF-8 java -jar trace-hub.jar …；cron、systemd、容器中同样需要设置。\n"
                + "The locale cannot encode Chinese file names (" + PROPERTY + "=" + encoding + "): set LANG=C.UTF-8 "
                + "(with LC_ALL and LC_CTYPE unset or C.UTF-8 as well) and run again; -D" + PROPERTY + "=UTF-8 has no effect "
                + "on Java 17.";
    }

    /** Why this Java cannot work with Chinese file names, or null. */
    public static String problem() {
        return problem(System.getProperty(PROPERTY), System.getProperty("os.name"));
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
