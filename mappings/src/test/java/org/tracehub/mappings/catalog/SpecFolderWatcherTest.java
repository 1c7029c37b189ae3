package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;

class SpecFolderWatcherTest {

    private static final String SPEC = """
            source: veg-hot
            name: %s
            category: VEGETABLE
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
                  product.code: { column: 品名, lookup: veg }
            lookups:
              veg: { file: lookups/veg.csv }
            """;

    @TempDir
    Path dir;

    private final List<SpecFolderWatcher.Report> reports = new CopyOnWriteArrayList<>();
    private SpecFolderWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void aFolderThatCannotBeListedWhileRunningIsReportedEachPollAndItsRecoveryIsReportedOnce() throws Exception {
        AtomicBoolean denied = new AtomicBoolean();
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add, null, (folder, depth) -> {
            if (denied.get()) {
                throw new AccessDeniedException(folder.resolve("lookups").toString());
            }
            return Files.walk(folder, depth);
        }).start(Duration.ofMillis(20));
        reports.clear();

        denied.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.stream().filter(r -> r.failure() != null).count() >= 2);
        assertThat(reports.get(0).failure()).contains("lookups");

        denied.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.get(reports.size() - 1).failure() == null);
        int seen = reports.size();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> reports.size() == seen);
        assertThat(reports.get(seen - 1).changed()).as("the folder is as before it failed").isFalse();
        assertThat(reports.stream().filter(r -> r.failure() == null)).as("told once that it is over").hasSize(1);
    }

    @Test
    void picksUpANewSpecAChangedSpecAndAChangedLookupFileWhileRunning() throws Exception {
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));
        SpecCatalog catalog = watcher.catalog();
        assertThat(catalog.source("veg-hot")).isEmpty();

        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> name(catalog).equals("版本一"));
        assertThat(catalog.isExternal("veg-hot")).isTrue();
        assertThat(catalog.source("veg-hot").orElseThrow().lookups().get("veg")).containsOnlyKeys("青菜");

        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本二"), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> name(catalog).equals("版本二"));

        writeLookup("青菜,030101\n白菜,030103\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.source("veg-hot").orElseThrow().lookups().get("veg").size() == 2);
        assertThat(catalog.source("meat-wholesale-xj")).as("built-in specs stay").isPresent();
    }

    @Test
    void refusesABrokenSpecWithItsProblemsAndKeepsThePreviousVersionActive() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));
        SpecCatalog catalog = watcher.catalog();
        assertThat(name(catalog)).isEqualTo("版本一");

        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本二").replace("traceCode:", "traceCod:"), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.refused().isEmpty());

        assertThat(name(catalog)).isEqualTo("版本一");
        assertThat(watcher.refused()).containsOnlyKeys(dir.resolve("veg-hot.yaml"));
        SpecFolderWatcher.Refused refused = reports.get(reports.size() - 1).refused().get(0);
        assertThat(refused.previousKept()).isTrue();
        assertThat(refused.problem().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.key()).isEqualTo("fields.traceCod");
            assertThat(p.message()).contains("did you mean 'traceCode'?");
        });

        // a broken lookup file breaks the spec that uses it: refused too, the previous version stays
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本三"), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> name(catalog).equals("版本三") && watcher.refused().isEmpty());
        writeLookup("青菜,030101\n青菜,030102\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.refused().isEmpty());
        assertThat(name(catalog)).isEqualTo("版本三");
        assertThat(catalog.source("veg-hot").orElseThrow().lookups().get("veg")).containsEntry("青菜", "030101");
    }

    @Test
    void refusesABrokenSpecAtStartWithoutStoppingTheOthers() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("a-broken.yaml"), "source: broken\ncategory: VEG\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("veg-hot.yml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));

        assertThat(name(watcher.catalog())).isEqualTo("版本一");
        assertThat(watcher.catalog().source("broken")).isEmpty();
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.loaded()).extracting(MappingSpec::source).containsExactly("veg-hot");
            assertThat(r.refused()).extracting(SpecFolderWatcher.Refused::file).containsExactly(dir.resolve("a-broken.yaml"));
            assertThat(r.refused().get(0).previousKept()).isFalse();
        });
    }

    @Test
    void aCopyOfASpecKeptBesideItIsRefusedAndTheEditsToTheSpecNamedAfterTheSourceAreUsed() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));
        SpecCatalog catalog = watcher.catalog();

        // the admin keeps a copy before editing; the copy sorts after the original and used to win silently
        Files.copy(dir.resolve("veg-hot.yaml"), dir.resolve("veg-hot_backup.yaml"));
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本二"), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> name(catalog).equals("版本二")
                && watcher.refused().containsKey(dir.resolve("veg-hot_backup.yaml")));

        SpecFolderWatcher.Refused refused = reports.get(reports.size() - 1).refused().get(0);
        assertThat(refused.file()).isEqualTo(dir.resolve("veg-hot_backup.yaml"));
        assertThat(refused.problem().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).as("the line of source:").isEqualTo(1);
            assertThat(p.key()).isEqualTo("source");
            assertThat(p.message()).contains("'veg-hot' is already mapped by veg-hot.yaml");
        });
        assertThat(reports.get(reports.size() - 1).loaded()).extracting(MappingSpec::name).containsExactly("版本二");
    }

    @Test
    void twoFilesNamedOtherwiseThanTheirSourceMakeTheFirstByNameTheSourcesAndTheStrictLoadFails() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("a.yaml"), SPEC.formatted("甲"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.yaml"), SPEC.formatted("乙"), StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));

        assertThat(name(watcher.catalog())).isEqualTo("甲");
        assertThat(watcher.refused()).containsOnlyKeys(dir.resolve("b.yaml"));
        assertThatThrownBy(() -> SpecCatalog.load(dir)).isInstanceOf(SpecException.class)
                .hasMessageContaining("already mapped by a.yaml");
    }

    @Test
    void anExternalSpecReplacesTheBuiltInOneUntilItIsDeleted() throws Exception {
        MappingSpec builtIn = SpecCatalog.builtIn().source("meat-wholesale-xj").orElseThrow();
        String copy = builtInText("meat-wholesale-xj").replaceFirst("(?m)^name: .*$", "name: 外部版本");
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add).start(Duration.ofMillis(50));
        SpecCatalog catalog = watcher.catalog();

        Files.writeString(dir.resolve("meat-wholesale-xj.yaml"), copy, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> "外部版本".equals(catalog.source("meat-wholesale-xj").orElseThrow().name()));
        assertThat(catalog.isExternal("meat-wholesale-xj")).isTrue();

        Files.delete(dir.resolve("meat-wholesale-xj.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !catalog.isExternal("meat-wholesale-xj"));
        assertThat(catalog.source("meat-wholesale-xj")).contains(builtIn);
        assertThat(reports.get(reports.size() - 1).removed()).containsExactly(dir.resolve("meat-wholesale-xj.yaml"));
    }

    @Test
    void aCopiedSpecThatKeepsABuiltInSourceUnderAnotherFileNameIsRefusedAtTheLineOfItsSourceAndTheBuiltInStays() throws Exception {
        MappingSpec pudong = SpecCatalog.builtIn().source("gascyl-fill-pudong").orElseThrow();
        String copy;
        try (var in = SpecCatalog.class.getClassLoader().getResourceAsStream("sources/gascyl-fill-pudong.yaml")) {
            copy = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("(?m)^name: .*$", "name: 闵行充装站");
        }
        // the admin's own header in place of Pudong's: source: is on line 3
        copy = "# 闵行充装站, copied from gascyl-fill-pudong.yaml\n#\n" + copy.substring(copy.indexOf("\nsource:") + 1);
        Path minhang = Files.writeString(dir.resolve("gascyl-fill-minhang.yaml"), copy, StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add);
        SpecFolderWatcher.Report report = watcher.refresh();

        assertThat(watcher.catalog().source("gascyl-fill-pudong")).contains(pudong);
        assertThat(watcher.catalog().isExternal("gascyl-fill-pudong")).isFalse();
        assertThat(report.refused()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(minhang);
            assertThat(r.problem().problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(minhang.toString());
                assertThat(p.line()).as("the line of source:").isEqualTo(3);
                assertThat(p.key()).isEqualTo("source");
                assertThat(p.message()).contains("'gascyl-fill-pudong'", "gascyl-fill-pudong.yaml");
            });
        });
        assertThatThrownBy(() -> SpecCatalog.load(dir)).isInstanceOf(SpecException.class)
                .hasMessageContaining("gascyl-fill-minhang.yaml:3: source: source 'gascyl-fill-pudong' is a built-in source");
    }

    @Test
    void aSpecForANewSourceInAFileNamedOtherwiseLoadsWithANoteNamingTheFileItShouldHave() throws Exception {
        writeLookup("青菜,030101\n");
        Path file = Files.writeString(dir.resolve("蔬菜.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add);
        watcher.refresh();

        MappingSpec spec = watcher.catalog().source("veg-hot").orElseThrow();
        assertThat(spec.notes()).singleElement().satisfies(n -> {
            assertThat(n.file()).isEqualTo(file.toString());
            assertThat(n.line()).as("the line of source:").isEqualTo(1);
            assertThat(n.message()).contains("veg-hot.yaml");
        });
        assertThat(watcher.refused()).isEmpty();
    }

    @Test
    void readsNothingAgainWhileTheFolderIsUnchanged() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add);

        assertThat(watcher.refresh().changed()).isTrue();
        assertThat(watcher.refresh().changed()).isFalse();
        assertThat(reports).hasSize(1);
    }

    @Test
    void aSpecBrokenWhileTheHubWasDownIsReplacedByItsLastGoodVersionKeptUnderTheDataDirectory(@TempDir Path dataDir) throws Exception {
        SpecArchive archive = new SpecArchive(dataDir.resolve("specs"), java.time.Clock.systemUTC());
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        new SpecFolderWatcher(SpecCatalog.builtIn(), dir, r -> { }, archive).refresh();
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本二"), StandardCharsets.UTF_8);
        SpecFolderWatcher before = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, r -> { }, archive);
        before.refresh();
        String goodFingerprint = before.catalog().source("veg-hot").orElseThrow().fingerprint();

        // broken, and the lookup file changed too, while the hub is down
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本三").replace("traceCode:", "traceCod:"), StandardCharsets.UTF_8);
        writeLookup("青菜,999999\n");
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add, archive);
        SpecFolderWatcher.Report report = watcher.refresh();

        MappingSpec inUse = watcher.catalog().source("veg-hot").orElseThrow();
        assertThat(inUse.name()).isEqualTo("版本二");
        assertThat(inUse.fingerprint()).isEqualTo(goodFingerprint);
        assertThat(inUse.lookups().get("veg")).as("the lookup file as it was").containsEntry("青菜", "030101");
        assertThat(watcher.refused()).containsOnlyKeys(dir.resolve("veg-hot.yaml"));
        assertThat(report.refused()).singleElement().satisfies(r -> {
            assertThat(r.previousKept()).isTrue();
            assertThat(r.lastGoodSince()).isNotNull();
            assertThat(r.lastGoodText()).startsWith(dataDir.resolve("specs/by-fingerprint"));
            assertThat(r.problem().problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("fields.traceCod"));
        });
        assertThat(archive.text(goodFingerprint)).hasValueSatisfying(text -> assertThat(text).content().contains("name: 版本二"));
        assertThat(dir.resolve("specs")).as("nothing written into the watched folder").doesNotExist();

        // fixed: the file's own version again, and it becomes the last good one
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本四"), StandardCharsets.UTF_8);
        watcher.refresh();
        assertThat(name(watcher.catalog())).isEqualTo("版本四");
        assertThat(watcher.refused()).isEmpty();
        assertThat(archive.lastGood(dir.resolve("veg-hot.yaml"))).hasValueSatisfying(g -> assertThat(g.spec().name()).isEqualTo("版本四"));
    }

    @Test
    void anExternalSpecOfABuiltInSourceBrokenBeforeARestartKeepsItsLastGoodVersionNotTheBuiltInOne(@TempDir Path dataDir) throws Exception {
        SpecArchive archive = new SpecArchive(dataDir.resolve("specs"), java.time.Clock.systemUTC());
        String copy = builtInText("meat-wholesale-xj").replaceFirst("(?m)^name: .*$", "name: 外部版本");
        Files.writeString(dir.resolve("meat-wholesale-xj.yaml"), copy, StandardCharsets.UTF_8);
        new SpecFolderWatcher(SpecCatalog.builtIn(), dir, r -> { }, archive).refresh();
        Files.writeString(dir.resolve("meat-wholesale-xj.yaml"), copy + "\nnot: [closed\n", StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add, archive);
        watcher.refresh();

        assertThat(watcher.catalog().source("meat-wholesale-xj").orElseThrow().name()).isEqualTo("外部版本");
        assertThat(watcher.catalog().isExternal("meat-wholesale-xj")).isTrue();
        assertThat(reports.get(0).refused()).singleElement().satisfies(r -> assertThat(r.lastGoodSince()).isNotNull());
        MappingSpec builtIn = SpecCatalog.builtIn().source("meat-wholesale-xj").orElseThrow();
        assertThat(archive.text(builtIn.fingerprint())).as("the built-in text kept as well").isPresent();
    }

    @Test
    void aChangedRecordKeyIsNotedWithWhatItDoesToEarlierRecordsAndHowToReprocess() throws Exception {
        writeLookup("青菜,030101\n");
        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本一"), StandardCharsets.UTF_8);
        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add);
        assertThat(watcher.refresh().warnings()).isEmpty();

        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本二").replace("key: [单号]", "key: [单号, 品名]"),
                StandardCharsets.UTF_8);
        SpecFolderWatcher.Report report = watcher.refresh();

        assertThat(name(watcher.catalog())).as("the change is made, only noted").isEqualTo("版本二");
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w).startsWith("来源“veg-hot”的文件类型 *.csv 的记录键由 [单号] 改为 [单号, 品名]");
            assertThat(w).contains("此前入库的记录保留", "/console/batches?source=veg-hot", "POST /api/batches/{id}/reprocess");
        });

        Files.writeString(dir.resolve("veg-hot.yaml"), SPEC.formatted("版本三").replace("key: [单号]", "key: [单号, 品名]"),
                StandardCharsets.UTF_8);
        assertThat(watcher.refresh().warnings()).as("the same key again").isEmpty();
    }

    @Test
    void aKeyChangedAgainstTheBuiltInVersionIsNoted() throws Exception {
        String copy = builtInText("meat-wholesale-xj");
        MappingSpec builtIn = SpecCatalog.builtIn().source("meat-wholesale-xj").orElseThrow();
        assertThat(builtIn.files().get(0).key()).containsExactly("交易凭证号", "追溯码");
        Files.writeString(dir.resolve("meat-wholesale-xj.yaml"), copy.replace("key: [交易凭证号, 追溯码]", "key: [交易凭证号]"),
                StandardCharsets.UTF_8);

        watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), dir, reports::add);
        SpecFolderWatcher.Report report = watcher.refresh();

        assertThat(report.refused()).isEmpty();
        assertThat(report.warnings()).singleElement().asString().contains("记录键由 [交易凭证号, 追溯码] 改为 [交易凭证号]（与内置版本相比）", "against the built-in version");
    }

    @Test
    void theStrictLoadStillFailsOnABrokenExternalSpec() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "source: broken\ncategory: VEG\n", StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpecCatalog.load(dir))
                .hasMessageContaining("broken.yaml:2: category: 'VEG' is not one of");
    }

    private static String builtInText(String source) throws java.io.IOException {
        try (var in = SpecCatalog.class.getClassLoader().getResourceAsStream("sources/" + source + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String name(SpecCatalog catalog) {
        return catalog.source("veg-hot").map(MappingSpec::name).orElse("");
    }

    private void writeLookup(String entries) throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/veg.csv"), "legacy,standard\n" + entries, StandardCharsets.UTF_8);
    }
}
