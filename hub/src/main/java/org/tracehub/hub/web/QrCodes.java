package org.tracehub.hub.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * QR codes of consumer-page URLs with ZXing: PNG and SVG both drawn from the module matrix (ZXing has no SVG
 * writer, and its PNG writer is slow). Both keep the four-module quiet zone the standard asks for.
 */
@Component
public class QrCodes {

    private static final int QUIET_ZONE = 4;

    /**
     * A PNG of exactly {@code size} × {@code size} pixels: whole pixels per module, centred, as ZXing lays them out, but
     * drawn a module at a time onto a one-bit image. ZXing's writer sets every pixel through the colour model, about
     * 35 ms of CPU for a 1000-pixel code.
     */
    public byte[] png(String content, QrOptions options) {
        BitMatrix modules = encode(content, options, 0);
        // a code too large for the size asked is drawn larger, as ZXing does, rather than cut
        int size = Math.max(options.size(), modules.getWidth());
        int scale = size / modules.getWidth();
        int offset = (size - modules.getWidth() * scale) / 2;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setColor(Color.BLACK);
            for (int y = 0; y < modules.getHeight(); y++) {
                for (int x = 0; x < modules.getWidth(); x++) {
                    if (modules.get(x, y)) {
                        g.fillRect(offset + x * scale, offset + y * scale, scale, scale);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "PNG", out);
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
