package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that one huge text node of an XML export (an attachment embedded as base64, within the upload limit) is
 * refused once the record passes {@link XmlRecordReader#MAX_RECORD_CHARACTERS}, in a child JVM limited to 32 MB of
 * heap: the parser hands the text on in pieces, so no more than the record's bound is held, whether the text is plain
 * or a CDATA section; and that as much text between records is read past, not held.
 */
@Tag("slow")
// each test waits for its own child JVM, mostly: side by side they take a fraction of the time (the surefire configuration in pom.xml)
@Execution(ExecutionMode.CONCURRENT)
class XmlStreamingMemoryTest {

    private static final String HEAP = "-Xmx32m";
    /** 100 million characters: 200 MB as a Java string, far past the child's heap. */
    private static final long HUGE = 100_000_000;

    private static final String SPEC = """
            source: xml-memory
            category: DAIRY
            files:
              - match: "*.xml"
                format: xml
                encoding: auto
                record: "/Report/Batch"
                step: PROCESS
                key: ["@id"]
                fields:
                  traceCode: { path: "@id" }
                  certificates.TEST_REPORT: { path: "Attachment" }
            """;

    @TempDir
    Path dir;

    @Test
    void aTextNodeOfAHundredMillionCharactersIsRefusedWithinASmallHeap() throws Exception {
        Path file = write("<Batch id=\"B1\">\n<Attachment>", "</Attachment>\n</Batch>\n");

        String output = run(file);

        assertThat(output).as(output).contains("refused=FILE_MALFORMED XML文件第3行开始的第1条记录（到第4行）超过1000000个字符");
    }

    @Test
    void aCdataSectionOfAHundredMillionCharactersIsRefusedWithinASmallHeap() throws Exception {
        Path file = write("<Batch id=\"B1\">\n<Attachment><![CDATA[", "]]></Attachment>\n</Batch>\n");

        String output = run(file);

        assertThat(output).as(output).contains("refused=FILE_MALFORMED XML文件第3行开始的第1条记录（到第4行）超过1000000个字符");
    }

    @Test
    void aHundredMillionCharactersOfTextBetweenRecordsAreReadPastWithinASmallHeap() throws Exception {
        Path file = write("<Batch id=\"B1\"/>\n", "\n<Batch id=\"B2\"/>\n");

        String output = run(file);

        assertThat(output).as(output).contains("records=2");
    }

    /**
     * A piece of markup the JDK's parser reads whole (ran out of memory before): the document's beginning (to the
     * {@link #HUGE} characters), its end, what the characters repeat, and the refusal the reader prints.
     */
    static Stream<Arguments> hugeMarkup() {
        String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report>\n<Batch id=\"B1\"/>\n";
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return Stream.of(
                Arguments.of("an attribute value", prolog + "<Batch id=\"B2\" note=\"", "\"/>\n", base64, "XML文件第4行开始的属性值超过1000000个字符"),
                Arguments.of("a comment between records", prolog + "<!--", "-->\n<Batch id=\"B2\"/>\n", base64, "XML文件第4行开始的注释超过1000000个字符"),
                Arguments.of("a processing instruction", prolog + "<?export ", "?>\n<Batch id=\"B2\"/>\n", base64, "XML文件第4行开始的处理指令超过1000000个字符"),
                Arguments.of("a DOCTYPE", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Report [<!--", "-->]>\n<Report>\n", base64,
                        "XML文件第2行开始的DOCTYPE声明"),
                Arguments.of("elements nested ever deeper", prolog + "<Nest>", "\n<Batch id=\"B2\"/>\n", "<x>", "XML文件第4行的元素嵌套在"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeMarkup")
    void markupOfAHundredMillionCharactersIsRefusedWithinASmallHeap(String what, String before, String after, String pattern, String refusal)
            throws Exception {
        Path file = writeWithProlog(before, after, pattern);

        String output = run(file);

        assertThat(output).as(output).contains("refused=FILE_MALFORMED " + refusal);
    }

    /**
     * Ten million distinct element names between two records, each only a few characters: the parser keeps every name
     * it has read, and ran the heap out at about a tenth of them.
     */
    @Test
    void aDocumentOfTenMillionDistinctNamesIsRefusedWithinASmallHeap() throws Exception {
        Path file = dir.resolve("MES_NAMES_20261127.xml");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report>\n<Batch id=\"B1\"/>\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 10_000_000; i++) {
                out.write(("<n" + Integer.toString(i, 36) + "/>").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("\n<Batch id=\"B2\"/>\n</Report>\n".getBytes(StandardCharsets.UTF_8));
        }

        String output = run(file);

        assertThat(output).as(output).contains("refused=FILE_MALFORMED XML文件到第4行已出现").contains("个不同的元素名、属性名和命名空间");
    }

    /**
     * Beside the refused ones, a document of records of every kind of markup the bound follows (a quoted {@code >} or
     * {@code -->} in attribute values, CDATA holding what would be markup, comments, processing instructions,
     * references), each short, with {@link #HUGE} characters of text between them: read whole, within the same heap.
     */
    @Test
    void aDocumentOfShortMarkupOfEveryKindIsReadWholeWithinASmallHeap() throws Exception {
        Path file = write("<?export source=\"MES\"?>\n<!-- a comment -->\n<Batch id=\"B1\" note=\"a > b\" memo='-->'><Attachment><![CDATA[<!-- <?x \"]]>&#x41;&amp;</Attachment></Batch>\n",
                "\n<Batch id='B2' note='\"]]>'/>\n");

        String output = run(file);

        assertThat(output).as(output).contains("records=2");
    }

    /** A document of two lines, then {@code before}, {@link #HUGE} characters of base64 text, {@code after}: written as it goes. */
    private Path write(String before, String after) throws Exception {
        return writeWithProlog("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report>\n" + before, after,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    }

    /** {@code before}, then {@link #HUGE} characters repeating {@code pattern} (of one-byte characters), {@code after}. */
    private Path writeWithProlog(String before, String after, String pattern) throws Exception {
        Path file = dir.resolve("MES_ATTACHMENT_20261127.xml");
        byte[] alphabet = pattern.getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[alphabet.length * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = alphabet[i % alphabet.length];
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(before.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < HUGE; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, HUGE - written));
            }
            out.write((after + "</Report>\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private String run(Path file) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, HEAP, "-cp", System.getProperty("java.class.path"), XmlRecordCounter.class.getName(),
                spec.toString(), file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
