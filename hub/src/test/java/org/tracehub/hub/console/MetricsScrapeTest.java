package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} after real batches of one source: files received by intake outcome,
 * rows accepted and rejected, durations by outcome, failures by code, the import queue's depth,
 * the refused SFTP logins counter, the embedded database file's size and a pulled source's state.
 */
class MetricsScrapeTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-metrics";

    @Test
    void scrapeShowsFilesRowsDurationsFailuresQueueDepthAndRefusedLogins() {
        byte[] good = freshSample();
        ingest(SOURCE, "交易明细_20261127.csv", good);
        ingest(SOURCE, "交易明细_20261128.csv", "标题\n序号,别的列\n1,x\n".getBytes(StandardCharsets.UTF_8));
        ingest(SOURCE, "交易明细_20261129.csv", good);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(value(scrape, "tracehub_files_received_total", "source=\"meat-metrics\"", "status=\"RECEIVED\"",
                    "transport=\"SFTP\"")).isEqualTo(2.0);
            assertThat(value(scrape, "tracehub_files_received_total", "source=\"meat-metrics\"", "status=\"DUPLICATE\""))
                    .isEqualTo(1.0);
            assertThat(value(scrape, "tracehub_rows_accepted_total", "source=\"meat-metrics\"")).isEqualTo(7.0);
            assertThat(value(scrape, "tracehub_rows_rejected_total", "source=\"meat-metrics\"")).isEqualTo(3.0);
            assertThat(value(scrape, "tracehub_batch_duration_seconds_count", "source=\"meat-metrics\"", "status=\"LOADED\""))
                    .isEqualTo(1.0);
            assertThat(value(scrape, "tracehub_batch_duration_seconds_count", "source=\"meat-metrics\"", "status=\"FAILED\""))
                    .isEqualTo(1.0);
            assertThat(value(scrape, "tracehub_job_failures_total", "source=\"meat-metrics\"", "code=\"FILE_HEADER_MISSING\""))
                    .isEqualTo(1.0);
        });
        String scrape = scrape();
        assertThat(value(scrape, "tracehub_batch_duration_seconds_sum", "source=\"meat-metrics\"", "status=\"LOADED\""))
                .isGreaterThan(0.0).isLessThan(60.0);
        assertThat(value(scrape, "tracehub_queue_depth", "queue=\"hub.batch.received\"")).isEqualTo(0.0);
        assertThat(value(scrape, "tracehub_sftp_logins_refused_total", "method=\"password\"")).isEqualTo(0.0);
        assertThat(value(scrape, "tracehub_sftp_logins_refused_total", "method=\"publickey\"")).isEqualTo(0.0);
    }

    @Test
    void theJobMetersTheAlertRulesUseAreInTheScrape() {
        ingestSample("meat-ops");   // not this class's source, whose counts the first test checks
        String scrape = scrape();

        // README, "Operations and alerting": the rules read these names and tags
        assertThat(scrape).contains("spring_batch_job_seconds_count{error=\"none\",spring_batch_job_name=\"importJob\","
                + "spring_batch_job_status=\"COMPLETED\"}");
        for (String job : List.of("nightlySyncJob", "purgeJob")) {
            // tagged with the run's sources since per-source sync schedules have meters of their own: "*" for the main ones
            assertThat(scrape).contains("tracehub_scheduled_job_last_success_timestamp_seconds{job=\"" + job + "\",sources=\"*\"}",
                    "tracehub_scheduled_job_last_run_failed{job=\"" + job + "\",sources=\"*\"}");
        }
    }

    @Test
    void aPulledSourceThatNeverPulledReportsWhenItsPullWasConfiguredAsItsLastSuccessSoTheStaleAlertFires() throws Exception {
        // on request only and never requested here: no pull state, as after its first start
        jdbc.sql("DELETE FROM pull_state WHERE source_id = ?").param(PULLED_SOURCE).update();
        Instant configured = Instant.parse(Files.readString(DATA_DIR.resolve("pull").resolve(PULLED_SOURCE).resolve("configured-at")).strip());

        String scrape = scrape();

        String source = "source=\"" + PULLED_SOURCE + "\"";
        assertThat(value(scrape, "tracehub_pull_last_success_timestamp_seconds", source))
                .isCloseTo(configured.toEpochMilli() / 1000.0, within(0.001));
        assertThat(value(scrape, "tracehub_pull_last_attempt_timestamp_seconds", source)).isNaN();
        assertThat(value(scrape, "tracehub_pull_consecutive_failures", source)).isZero();
    }

    @Test
    void theDiskSpaceMetricMeasuresTheDataDirectoryNotTheWorkingDirectory() {
        String scrape = scrape();

        assertThat(value(scrape, "disk_free_bytes", "path=\"" + DATA_DIR.toAbsolutePath() + "\"")).isPositive();
        assertThat(value(scrape, "disk_total_bytes", "path=\"" + DATA_DIR.toAbsolutePath() + "\"")).isPositive();
        assertThat(scrape.lines().filter(l -> l.startsWith("disk_free_bytes{"))).as("one path only").hasSize(1);
    }

    @Test
    void theEmbeddedDatabaseFileSizeIsInTheScrapeInBytes() {
        assertThat(unlabelled(scrape(), "tracehub_h2_file_size_bytes")).isPositive();
    }

    @Test
    void aRefusedSignInCountsOnceAndASuccessfulOneDoesNot() {
        double before = unlabelled(scrape(), "tracehub_http_logins_refused_total");

        int refused = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "not-the-password")).build()
                .get().uri("/api/batches").exchange((req, res) -> res.getStatusCode().value());

        assertThat(refused).isEqualTo(401);
        assertThat(unlabelled(scrape(), "tracehub_http_logins_refused_total")).isEqualTo(before + 1);
    }

    /** The value of a meter without tags. */
    private static double unlabelled(String scrape, String name) {
        String line = scrape.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in the scrape"));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private String scrape() {
        return http().get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** The value of the one sample of {@code name} carrying all of {@code labels}; fails when there is none. */
    static double value(String scrape, String name, String... labels) {
        List<String> lines = scrape.lines()
                .filter(l -> l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .toList();
        assertThat(lines).as("%s %s in%n%s", name, Arrays.toString(labels), scrape.lines().filter(l -> l.startsWith("tracehub_"))
                .reduce("", (a, b) -> a + b + "\n")).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
