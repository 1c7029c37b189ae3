package org.tracehub.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Deflates one event's XML with a preset dictionary of the standard's markup, for {@link WriteSetVariants}'
 * "payload deflated" line: a 1 KB event alone compresses poorly, most of its bytes are tag names that a
 * dictionary already holds. One per loading thread.
 */
final class PayloadDeflater {

    private static final byte[] DICTIONARY = ("<event xmlns=\"urn:shanghai:trace:standard:1\"><eventId></eventId><category>MEAT</category>"
            + "<step>WHOLESALE</step><time>2026-11-27T00:00:00+08:00</time><traceCode></traceCode><inputs><input></input></inputs>"
            + "<operator><uscc>91310000631696382C</uscc><name>上海西郊国际农产品交易有限公司</name><nodeCode>310112001</nodeCode>"
            + "<nodeType>WHOLESALE</nodeType></operator><counterparty><uscc></uscc><name>上海有限公司</name></counterparty>"
            + "<product><code>010102</code><name></name></product><quantity unit=\"KGM\"></quantity><origin></origin>"
            + "<transaction><voucherNo></voucherNo><unitPrice></unitPrice></transaction><certificates><certificate>"
            + "<type>ANIMAL_QUARANTINE</type><number></number></certificate><certificate><type>MEAT_QUALITY</type><number>"
            + "</number></certificate></certificates><provenance><sourceId>meat-wholesale-xj</sourceId><batchId></batchId>"
            + "<attempt>1</attempt><row></row></provenance></event>").getBytes(StandardCharsets.UTF_8);

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    byte[] deflate(String xml) {
        deflater.reset();
        deflater.setDictionary(DICTIONARY);
        deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        out.reset();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }
}
