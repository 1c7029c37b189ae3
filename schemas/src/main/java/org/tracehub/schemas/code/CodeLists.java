package org.tracehub.schemas.code;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TestResult;

/**
 * The standard's code lists. The values are the enums generated from the XSD (the one
 * definition); their Chinese names and the city platform's numeric node types come from
 * {@code codes/code-lists.csv}, so a clerk-facing label is changed without touching Java.
 */
public final class CodeLists {

    /** The enums whose constants are code-list values, in the order the README lists them. */
    public static final List<Class<? extends Enum<?>>> LISTS = List.of(
            Category.class, Step.class, NodeType.class, CertificateType.class, TestResult.class);

    private static final String RESOURCE = "/codes/code-lists.csv";
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, NodeType> CITY_PLATFORM_NODE_TYPES = new HashMap<>();

    static {
        load();
    }

    private CodeLists() {
    }

    /** The Chinese name of a code-list value, e.g. {@code Step.WHOLESALE} → 批发交易. */
    public static String chineseName(Enum<?> value) {
        String name = NAMES.get(key(value.getDeclaringClass().getSimpleName(), value.name()));
        if (name == null) {
            throw new IllegalStateException("no Chinese name in " + RESOURCE + " for " + value.getDeclaringClass().getSimpleName()
                    + "." + value.name());
        }
        return name;
    }

    /** Whether the CSV names this value (a test keeps every generated constant named). */
    public static boolean hasChineseName(Enum<?> value) {
        return NAMES.containsKey(key(value.getDeclaringClass().getSimpleName(), value.name()));
    }

    /**
     * The node type of the city platform's numeric code (1 屠宰企业, 2 批发, 3 零售市场, 4 超市,
     * 5 团体消费单位, 6 其他), as legacy exports in its style carry it.
     */
    public static Optional<NodeType> nodeTypeOfCityPlatformCode(String code) {
        return Optional.ofNullable(code == null ? null : CITY_PLATFORM_NODE_TYPES.get(code.trim()));
    }

    /** The city platform's numeric code of a node type, for the six types it has. */
    public static Optional<String> cityPlatformCodeOf(NodeType type) {
        return CITY_PLATFORM_NODE_TYPES.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst();
    }

    private static void load() {
        try (InputStream in = CodeLists.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("code list missing from the classpath: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                NAMES.put(key(cells[0], cells[1]), cells[2]);
                if (cells[0].equals(NodeType.class.getSimpleName()) && !cells[3].isEmpty()) {
                    CITY_PLATFORM_NODE_TYPES.put(cells[3], NodeType.valueOf(cells[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String list, String code) {
        return list + "." + code;
    }
}
