package org.tracehub.hub.web;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Reads QR codes back, twice and independently: with ZXing, and with {@code zbarimg} from Debian's
 * {@code zbar-tools} (installed by .ci/run). Also rasterises the hub's SVG by reading it as an XML
 * document (viewBox, background, the path's runs), not with the code that wrote it.
 */
final class QrDecoders {

    private static final Path ZBARIMG = Path.of("/usr/bin/zbarimg");

    private QrDecoders() {
    }

    static String zxing(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("ZXing found no readable QR code: " + e, e);
        }
    }

    static String zxing(byte[] png) throws IOException {
        return zxing(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** Every QR code zbarimg finds in the image, one text per code, in its order. */
    static List<String> zbar(BufferedImage image, Path workDir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(workDir, "qr-", ".png");
        ImageIO.write(image, "PNG", file.toFile());
        return zbar(file);
    }

    static List<String> zbar(Path png) throws IOException, InterruptedException {
        if (!Files.isExecutable(ZBARIMG)) {
            throw new AssertionError("zbarimg not found: install Debian's zbar-tools (.ci/run does)");
        }
        Process p = new ProcessBuilder(ZBARIMG.toString(), "--raw", "-q", "-Sdisable", "-Sqrcode.enable", png.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("zbarimg did not finish");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("zbarimg found no QR code (exit " + p.exitValue() + "): " + out);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    /** Draws the SVG's modules at {@code scale} pixels per module, from the document alone. */
    static BufferedImage rasterise(String svg, int scale) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !"http://www.w3.org/2000/svg".equals(root.getNamespaceURI())) {
            throw new AssertionError("not an SVG document: " + root.getTagName());
        }
        String[] box = root.getAttribute("viewBox").split(" ");
        int width = Integer.parseInt(box[2]);
        int height = Integer.parseInt(box[3]);
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.decode(((Element) root.getElementsByTagNameNS("*", "rect").item(0)).getAttribute("fill").replace("#fff", "#ffffff")));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        Element path = (Element) root.getElementsByTagNameNS("*", "path").item(0);
        g.setColor(Color.decode(path.getAttribute("fill").replace("#000", "#000000")));
        Matcher m = RUN.matcher(path.getAttribute("d"));
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new AssertionError("unexpected path data at " + end);
            }
            end = m.end();
            g.fillRect(Integer.parseInt(m.group(1)) * scale, Integer.parseInt(m.group(2)) * scale, Integer.parseInt(m.group(3)) * scale, scale);
        }
        if (end != path.getAttribute("d").length()) {
            throw new AssertionError("unexpected path data at " + end);
        }
        g.dispose();
        return image;
    }
}
