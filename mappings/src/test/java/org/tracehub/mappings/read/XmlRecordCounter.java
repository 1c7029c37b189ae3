package org.tracehub.mappings.read;

import java.nio.file.Path;
import org.tracehub.mappings.spec.SpecLoader;

/**
 * Run in a child JVM with a small heap by {@link XmlStreamingMemoryTest}: reads an XML document through
 * {@link XmlRecordReader} with the mapping in {@code args[0]} and prints the number of records, or the refusal of a
 * file the reader will not read.
 */
public final class XmlRecordCounter {

    private XmlRecordCounter() {
    }

    public static void main(String[] args) throws Exception {
        Path spec = Path.of(args[0]);
        Path file = Path.of(args[1]);
        long records = 0;
        try (XmlRecordReader reader = new XmlRecordReader(file, new SpecLoader().load(spec).files().get(0))) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                records++;
            }
        } catch (FileLevelException e) {
            System.out.println("refused=" + e.code() + " " + e.getMessage());
            return;
        }
        System.out.println("records=" + records);
    }
}
