package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;

/**
 * A spec edit the hub refused (it keeps the previous version) is shown where the spec is shown — the source page, the
 * sources list, the dashboard, {@code GET /api/sources} — and the page shows the spec in use, not the refused text.
 */
class RefusedSpecEditTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-refused-edit";
    private static final Path FILE = SOURCES_DIR.resolve(SOURCE + ".yaml");
    private static final Path NEWCOMER = SOURCES_DIR.resolve("meat-never-loaded.yaml");

    @Autowired
    SpecCatalog catalog;

    @AfterEach
    void removeTheSpecs() throws IOException {
        Files.deleteIfExists(FILE);
        Files.deleteIfExists(NEWCOMER);
        // gone before the next class shares this context: its pages must not show this source
        await().atMost(Duration.ofSeconds(60)).until(() -> catalog.source(SOURCE).isEmpty());
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/console/sources").contains("meat-never-loaded.yaml"));
    }

    @Test
    void aRefusedEditIsShownWithItsProblemsAndTheSpecInUseIsShownAndTriedInsteadOfTheRefusedText() throws IOException {
        String good = builtInSpec().replace("source: meat-wholesale-xj", "source: " + SOURCE);
        Files.writeString(FILE, good, StandardCharsets.UTF_8);
        MappingSpec active = await().atMost(Duration.ofSeconds(60)).until(() -> catalog.source(SOURCE).orElse(null), s -> s != null);
        String broken = good.replace("category: MEAT", "category: VEGGIES");

        Files.writeString(FILE, broken, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/console/sources/" + SOURCE).contains("映射规范文件修改未生效"));

        String page = get("/console/sources/" + SOURCE);
        assertThat(page).contains(SOURCE + ".yaml").contains("第 6 行").contains("VEGGIES").contains("仍在使用修改前的版本");
        String specText = page.substring(page.indexOf("id=\"spec-text\""));
        assertThat(specText).contains("category: MEAT").doesNotContain("category: VEGGIES");
        assertThat(catalog.source(SOURCE)).contains(active);
        assertThat(get("/console/dry-run?source=" + SOURCE)).contains("category: MEAT").doesNotContain("category: VEGGIES");
        assertThat(get("/console/sources")).contains("规范修改未生效");
        assertThat(get("/console")).contains("个映射规范文件有错误，修改未生效").contains(SOURCE + ".yaml");

        Map<String, Object> view = http().get().uri("/api/sources/{id}", SOURCE).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refused = (List<Map<String, Object>>) view.get("specRefused");
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("file", SOURCE + ".yaml").containsEntry("previousKept", true);
            assertThat(r.get("problems").toString()).contains("line=6").contains("VEGGIES");
        });
    }

    @Test
    void aNewSourcesSpecThatWasRefusedIsListedOnTheSourcesPage() throws IOException {
        Files.writeString(NEWCOMER, "source: meat-never-loaded\nname: 新市场\ncategory: NOPE\n", StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(60)).until(() -> get("/console/sources").contains("meat-never-loaded.yaml"));

        assertThat(get("/console/sources")).contains("映射规范文件有错误，未生效").contains("NOPE");
    }

    private String get(String path) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + path)).retrieve().body(String.class);
    }
}
