package org.tracehub.hub.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * QR codes of consumer-page URLs with ZXing: PNG through ZXing's own writer, SVG drawn from the
 * module matrix (ZXing has no SVG writer). Both keep the four-module quiet zone the standard asks for.
 */
@Component
public class QrCodes {

    private static final int QUIET_ZONE = 4;

    /** A PNG of exactly {@code size} × {@code size} pixels. */
    public byte[] png(String content, QrOptions options) {
        BitMatrix matrix = encode(content, options, options.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An SVG of one unit per module, shown at {@code size} pixels. */
    public String svg(String content, QrOptions options) {
        return QrSvg.of(encode(content, options, 0), options.size());
    }

    /** The module matrix with its quiet zone; size 0 gives one pixel per module. */
    BitMatrix encode(String content, QrOptions options, int size) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, options.level(), EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + content, e);
        }
    }
}
