package org.tracehub.hub.web;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.http.HttpStatus;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiException;

/**
 * Size and error-correction level of a QR code. Defaults suit a label printed at 3 cm and scanned by
 * a phone: 300 px, level M (15 % of the code may be damaged). Level H (30 %) suits labels on meat
 * that get smeared; level L makes the smallest code.
 *
 * @param size  image width and height in pixels, {@value #MIN_SIZE}..{@value #MAX_SIZE}
 */
public record QrOptions(int size, ErrorCorrectionLevel level) {

    public static final int MIN_SIZE = 100;
    public static final int MAX_SIZE = 1000;
    public static final int DEFAULT_SIZE = 300;
    public static final ErrorCorrectionLevel DEFAULT_LEVEL = ErrorCorrectionLevel.M;

    public static QrOptions defaults() {
        return new QrOptions(DEFAULT_SIZE, DEFAULT_LEVEL);
    }

    /** From the request's {@code size} and {@code ec} parameters (either may be absent); bad values are a 400 problem. */
    public static QrOptions parse(String size, String ec) {
        int pixels = DEFAULT_SIZE;
        if (size != null) {
            try {
                pixels = Integer.parseInt(size.strip());
            } catch (NumberFormatException e) {
                pixels = -1;
            }
            if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
                throw badRequest("二维码尺寸应为" + MIN_SIZE + "到" + MAX_SIZE + "之间的整数（像素），收到：" + TraceCodes.shown(size));
            }
        }
        ErrorCorrectionLevel level = DEFAULT_LEVEL;
        if (ec != null) {
            try {
                level = ErrorCorrectionLevel.valueOf(ec.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw badRequest("纠错等级应为 L、M、Q 或 H，收到：" + TraceCodes.shown(ec));
            }
        }
        return new QrOptions(pixels, level);
    }

    private static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, message);
    }
}
