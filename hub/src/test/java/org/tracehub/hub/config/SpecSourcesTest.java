package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.testing.MutableClock;

/** What the hub tells of its spec folder beyond the catalogue: a folder that is not there, an edit that did not take. */
@ExtendWith(OutputCaptureExtension.class)
class SpecSourcesTest {

    @Test
    void aSourcesDirThatIsNotAFolderIsWarnedAtStartNamingTheSettingAndTheAbsolutePath(@TempDir Path temp, CapturedOutput output) {
        Path typo = temp.resolve("sorces");

        SpecSources sources = new HubConfiguration().specSources(typo.toString());
        try (SpecFolderWatcher watcher = new HubConfiguration().specFolderWatcher(sources, new SpecArchive(temp.resolve("data/specs"), java.time.Clock.systemUTC()), Duration.ofHours(1))) {
            assertThat(output.getOut() + output.getErr()).contains("WARN").contains("hub.sources-dir=" + typo)
                    .contains(typo.toAbsolutePath().toString());
            assertThat(sources.folderProblem()).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("外部映射规范目录不存在").contains("hub.sources-dir").contains(typo.toAbsolutePath().toString()));
        }
    }

    @Test
    void aFolderThePollsCannotReadIsAProblemSinceItsFirstFailureToldAtErrorOnceUntilItCanBeReadAgain(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "source: veg-broken\nname: x\ncategory: NOPE\n", StandardCharsets.UTF_8);
        MutableClock clock = new MutableClock();
        SpecSources sources = new SpecSources(SpecCatalog.builtIn(), dir.toString(), clock);
        new SpecFolderWatcher(sources.catalog(), dir, sources::remember).refresh();
        String failure = "cannot read " + dir + ": java.nio.file.AccessDeniedException: " + dir.resolve("lookups");

        sources.remember(new SpecFolderWatcher.Report(false, List.of(), List.of(), List.of(), failure));
        assertThat(sources.failureDue()).as("first met: told at ERROR").isTrue();
        clock.advance(Duration.ofMinutes(5));
        sources.remember(new SpecFolderWatcher.Report(false, List.of(), List.of(), List.of(), failure));
        assertThat(sources.failureDue()).as("the next poll's: not again").isFalse();

        assertThat(sources.folderProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("外部映射规范目录自 2026-11-28 01:00:00 起无法读取").contains("AccessDeniedException")
                .contains(dir.toAbsolutePath().toString()).contains("修改暂不生效"));
        assertThat(sources.refusedOf("veg-broken")).as("what the last change refused stays listed").hasSize(1);

        sources.remember(new SpecFolderWatcher.Report(false, List.of(), List.of(), List.of(), null));
        assertThat(sources.folderProblem()).isEmpty();
        assertThat(sources.refusedOf("veg-broken")).hasSize(1);
        sources.remember(new SpecFolderWatcher.Report(false, List.of(), List.of(), List.of(), failure));
        assertThat(sources.failureDue()).as("failing again after it was over: told at once").isTrue();
    }

    @Test
    void aSourcesDirThatIsAFolderOrNotSetHasNoProblem(@TempDir Path temp) {
        assertThat(new SpecSources(null, temp.toString()).folderProblem()).isEmpty();
        assertThat(new SpecSources(null, "").folderProblem()).isEmpty();
    }

    @Test
    void aRefusedEditIsListedWithItsProblemsAndTheActiveSpecKeepsShowingTheTextItWasLoadedFrom(@TempDir Path dir) throws IOException {
        String good = builtIn("meat-wholesale-xj").replace("source: meat-wholesale-xj", "source: meat-edited");
        Path file = dir.resolve("meat-edited.yaml");
        Files.writeString(file, good, StandardCharsets.UTF_8);
        SpecSources sources = new SpecSources(SpecCatalog.builtIn(), dir.toString());
        SpecFolderWatcher watcher = new SpecFolderWatcher(sources.catalog(), dir, sources::remember);
        watcher.refresh();
        MappingSpec active = sources.catalog().source("meat-edited").orElseThrow();

        Files.writeString(file, good.replace("category: MEAT", "category: VEGGIES"), StandardCharsets.UTF_8);
        watcher.refresh();

        assertThat(sources.catalog().source("meat-edited")).contains(active);
        assertThat(sources.activeText(active)).contains(good);
        assertThat(sources.refusedOf("meat-edited")).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("meat-edited.yaml");
            assertThat(r.previousKept()).isTrue();
            assertThat(r.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.message()).contains("VEGGIES");
            });
        });
    }

    @Test
    void aSpecBrokenBeforeARestartIsLoggedAndListedWithTheLastGoodVersionInUse(@TempDir Path temp, CapturedOutput output)
            throws IOException {
        Path dir = Files.createDirectories(temp.resolve("sources"));
        SpecArchive archive = new SpecArchive(temp.resolve("data/specs"), java.time.Clock.systemUTC());
        // a spec with a lookup file beside it: the kept version is read back with the lookup file it was loaded with
        String good = builtIn("vegetable-wholesale-xj").replace("source: vegetable-wholesale-xj", "source: veg-edited");
        Path file = dir.resolve("veg-edited.yaml");
        Files.writeString(file, good, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("lookups"));
        try (InputStream in = new ClassPathResource("sources/lookups/veg-products.csv").getInputStream()) {
            Files.write(dir.resolve("lookups/veg-products.csv"), in.readAllBytes());
        }
        new SpecFolderWatcher(SpecCatalog.builtIn(), dir, r -> { }, archive).refresh();
        Files.writeString(file, good.replace("category: VEGETABLE", "category: VEGGIES"), StandardCharsets.UTF_8);
        Files.delete(dir.resolve("lookups/veg-products.csv"));

        SpecSources sources = new HubConfiguration().specSources(dir.toString());
        try (SpecFolderWatcher watcher = new HubConfiguration().specFolderWatcher(sources, archive, Duration.ofHours(1))) {
            MappingSpec active = sources.catalog().source("veg-edited").orElseThrow();
            assertThat(sources.activeText(active)).as("the kept text is what the page shows").contains(good);
            try (InputStream in = sources.siblingsFor("veg-edited").open("lookups/veg-products.csv")) {
                assertThat(in.readAllBytes()).isNotEmpty();
            }
            assertThat(sources.refusedOf("veg-edited")).singleElement().satisfies(r -> {
                assertThat(r.previousKept()).isTrue();
                assertThat(r.lastGoodSince()).isNotNull();
            });
            assertThat(output.getOut() + output.getErr()).contains("ERROR").contains("Spec file " + file + " refused")
                    .contains("the last good version of the file, loaded").contains("is in use").contains("VEGGIES");
        }
    }

    @Test
    void aNewSourcesSpecThatNeverLoadedIsTiedToTheSourceItNames(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("market-new.yaml"), "source: veg-newcomer\nname: x\ncategory: NOPE\n", StandardCharsets.UTF_8);
        SpecSources sources = new SpecSources(SpecCatalog.builtIn(), dir.toString());
        new SpecFolderWatcher(sources.catalog(), dir, sources::remember).refresh();

        assertThat(sources.refusedOf("veg-newcomer")).singleElement()
                .satisfies(r -> assertThat(r.previousKept()).isFalse());
    }

    @Test
    void aBuiltInSpecsLookupFilesAreReadBesideItOnTheClasspath() throws IOException {
        SpecSources sources = new SpecSources(SpecCatalog.builtIn(), "");

        try (InputStream in = sources.siblingsFor("vegetable-wholesale-xj").open("lookups/veg-products.csv")) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
    }

    static String builtIn(String source) throws IOException {
        try (InputStream in = new ClassPathResource("sources/" + source + ".yaml").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
