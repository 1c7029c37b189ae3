package org.tracehub.mappings.read;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.mappings.read.XmlRecordReader.CompiledPath;
import org.tracehub.mappings.read.XmlRecordReader.Step;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What the first pass over an XML export learns of its layout, held against the spec: which of the paths the spec reads
 * occur in at least one record (a bit per path, not per record), which of the spec's namespaces the document declares,
 * and which elements of the names the spec reads stand in another namespace. A record without an element is an empty
 * cell, so an export whose layout changed (an element renamed, a namespace's version raised) would otherwise load every
 * record with those cells empty and a clean receipt. Memory is bounded by the spec, not the file: the declared
 * namespaces kept for the message are capped at {@link #NAMESPACES_NAMED}. Not thread-safe.
 */
final class XmlLayout {

    /** Declared namespaces a refusal names; an export declares a handful, more would only lengthen the message. */
    static final int NAMESPACES_NAMED = 20;

    private final String recordPath;
    private final List<Step> record;
    private final List<String> columns;
    private final List<CompiledPath> paths;
    /** Per depth inside a record (the record itself at 0): the paths whose element steps so far match the open elements. */
    private final BitSet[] open;
    private final BitSet present = new BitSet();
    /** The spec's namespace URIs its paths use, each with the spec's prefix for it. */
    private final Map<String, String> expected = new LinkedHashMap<>();
    /** Per local name of a namespaced step: the namespaces the spec expects an element of that name in. */
    private final Map<String, Set<String>> expectedOfLocal = new LinkedHashMap<>();
    private final Set<String> expectedDeclared = new LinkedHashSet<>();
    private final Set<String> declared = new LinkedHashSet<>();
    /** Per expected namespace: the first element of one of its step names found in a namespace the spec does not read. */
    private final Map<String, Foreign> foreign = new LinkedHashMap<>();
    /** The namespaces of the first element path that matched the record path by local names only, or null. */
    private String[] foreignRecord;
    private long records;
    /** Whether the pass read the document to its end (or far enough to know every path occurs): else nothing is judged. */
    private boolean finished;

    /** An element of a name the spec reads, in a namespace other than the one the spec expects it in. */
    private record Foreign(String local, String namespace) {
    }

    XmlLayout(String recordPath, List<Step> record, List<String> columns, List<CompiledPath> paths, Map<String, String> prefixes) {
        this.recordPath = recordPath;
        this.record = record;
        this.columns = columns;
        this.paths = paths;
        int deepest = 0;
        for (CompiledPath p : paths) {
            deepest = Math.max(deepest, p.elements().size());
        }
        this.open = new BitSet[deepest + 1];
        for (int d = 0; d <= deepest; d++) {
            open[d] = new BitSet(paths.size());
        }
        Map<String, String> prefixOf = new LinkedHashMap<>();
        prefixes.forEach((prefix, uri) -> prefixOf.putIfAbsent(uri, prefix));
        List<Step> steps = new ArrayList<>(record);
        for (CompiledPath p : paths) {
            steps.addAll(p.elements());
            if (p.attribute() != null && p.attribute().namespace() != null) {
                expected.putIfAbsent(p.attribute().namespace(), prefixOf.get(p.attribute().namespace()));
            }
        }
        for (Step s : steps) {
            if (s.namespace() != null) {
                expected.putIfAbsent(s.namespace(), prefixOf.get(s.namespace()));
                expectedOfLocal.computeIfAbsent(s.local(), k -> new LinkedHashSet<>()).add(s.namespace());
            }
        }
    }

    /** A start tag anywhere in the document, the parser on it: the namespaces it declares, and its name. */
    void element(XMLStreamReader xml) {
        for (int i = 0; i < xml.getNamespaceCount(); i++) {
            String uri = uri(xml.getNamespaceURI(i));
            if (expected.containsKey(uri)) {
                expectedDeclared.add(uri);
            }
            if (declared.size() < NAMESPACES_NAMED && !uri.isEmpty()) {
                declared.add(uri);
            }
        }
        Set<String> wanted = expectedOfLocal.get(xml.getLocalName());
        String uri = uri(xml.getNamespaceURI());
        // an element in a namespace the spec reads is one of its own, though another of the spec's has a step of its name
        if (wanted != null && !expected.containsKey(uri)) {
            for (String w : wanted) {
                if (!w.equals(uri)) {
                    foreign.putIfAbsent(w, new Foreign(xml.getLocalName(), uri));
                }
            }
        }
    }

    /** An element path that matches the record path's local names and not its namespaces: {@code uris} per depth, from 1. */
    void foreignRecord(String[] uris) {
        if (foreignRecord == null) {
            foreignRecord = uris.clone();
        }
    }

    /**
     * Reads the record the parser is on (its start tag, already passed to {@link #element}) to its end tag, noting the paths
     * that occur in it.
     */
    void scanRecord(XMLStreamReader xml) throws XMLStreamException {
        records++;
        open[0].clear();
        for (int p = 0; p < paths.size(); p++) {
            CompiledPath path = paths.get(p);
            if (path.elements().isEmpty()) {
                if (path.attribute() == null || hasAttribute(xml, path.attribute())) {
                    present.set(p);
                }
            } else if (!present.get(p)) {
                open[0].set(p);
            }
        }
        int depth = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                element(xml);
                if (depth < open.length) {
                    matchAt(xml, depth);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
        }
    }

    private void matchAt(XMLStreamReader xml, int depth) {
        BitSet here = open[depth];
        here.clear();
        BitSet above = open[depth - 1];
        String uri = xml.getNamespaceURI();
        String local = xml.getLocalName();
        for (int p = above.nextSetBit(0); p >= 0; p = above.nextSetBit(p + 1)) {
            CompiledPath path = paths.get(p);
            if (present.get(p) || !path.elements().get(depth - 1).matches(uri, local)) {
                continue;
            }
            if (path.elements().size() > depth) {
                here.set(p);
            } else if (path.attribute() == null || hasAttribute(xml, path.attribute())) {
                present.set(p);
            }
        }
    }

    private static boolean hasAttribute(XMLStreamReader xml, Step attribute) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (attribute.matches(xml.getAttributeNamespace(i), xml.getAttributeLocalName(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every path the spec reads has occurred: nothing more of the document can change what is judged. */
    boolean everyPathPresent() {
        return present.cardinality() == paths.size();
    }

    /** The pass read the document to its end, or stopped once {@link #everyPathPresent}. */
    void finished() {
        finished = true;
    }

    /**
     * The paths that occur in no record of the document, in spec order; none when the pass did not finish (the second
     * pass reports its fault) or found no record (the file is empty, or refused by {@link #refusal}).
     */
    Set<String> absentColumns() {
        if (!finished || records == 0) {
            return Set.of();
        }
        Set<String> absent = new LinkedHashSet<>();
        for (int p = 0; p < paths.size(); p++) {
            if (!present.get(p)) {
                absent.add(columns.get(p));
            }
        }
        return absent;
    }

    /**
     * FILE_HEADER_MISSING when the document is of another namespace than the spec reads, or null: no record at the record
     * path while elements of its names stand there in another namespace, or a namespace of the spec declared nowhere in
     * the document while elements of the names the spec reads in it are in another one (a version raised: qa:1.0 → 2.0).
     * A namespace declared nowhere whose names occur nowhere either is no refusal: an exporter may leave out the
     * declaration of a namespace it has no element of, and the paths in it are judged as absent ones.
     */
    FileLevelException refusal() {
        if (!finished) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        if (records == 0 && foreignRecord != null) {
            List<String> pairs = new ArrayList<>();
            for (int d = 0; d < record.size(); d++) {
                String wanted = record.get(d).namespace();
                String found = foreignRecord[d + 1];
                if (wanted != null && !wanted.equals(found) && named.add(wanted)) {
                    pairs.add("映射要求命名空间“" + wanted + "”" + prefix(wanted) + "，文件中为“" + found + "”");
                }
            }
            parts.add("映射的记录路径" + recordPath + "在文件中找不到，但文件中有同名元素在另一个命名空间中（" + String.join("；", pairs) + "）");
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String uri = e.getKey();
            Foreign f = foreign.get(uri);
            if (!expectedDeclared.contains(uri) && f != null && named.add(uri)) {
                parts.add("映射按命名空间“" + uri + "”" + prefix(uri) + "读取数据，文件中没有声明这个命名空间，而文件中的元素" + f.local()
                        + "在命名空间“" + f.namespace() + "”中");
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return new FileLevelException(ErrorCodes.FILE_HEADER_MISSING, String.join("；", parts) + "。文件声明的命名空间："
                + (declared.isEmpty() ? "无" : String.join("、", declared))
                + "。导出格式（版本）可能已经变更，按现有映射读取会丢失数据，整个文件未处理：请联系平台管理员核对映射中的namespaces后重新处理", 0);
    }

    private String prefix(String uri) {
        String prefix = expected.get(uri);
        return prefix == null ? "" : "（前缀" + prefix + "）";
    }

    private static String uri(String uri) {
        return uri == null ? "" : uri;
    }
}
