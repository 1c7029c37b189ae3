package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.tracehub.jobs.importjob.DiskFullRuns;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.schemas.validation.ErrorCodes;

/** The console's pages, rendered by the real hub over real batches. */
class ConsolePagesTest extends ConsoleTestSupport {

    private static final String SOURCE = "meat-pages";

    @Autowired
    BatchRepository batches;

    @Autowired
    Clock clock;

    @Autowired
    ConsoleProperties properties;

    @Autowired
    JobRepository jobRepository;

    @Test
    void dashboardShowsTodayBySourceSilentAndFailingSourcesAndTheDailyChart() {
        String id = ingestSample(SOURCE);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int daysAgo = 2; daysAgo <= 5; daysAgo++) {
            insertTerminal("silent-src", now.minusDays(daysAgo), BatchStatus.EMPTY);
        }
        insertTerminal("rare-src", now.minusDays(3), BatchStatus.EMPTY);
        // a day of the chart no other test sends on: its bar counts exactly these rows, of every attempt that ran
        LocalDate dayBefore = LocalDate.now(clock);
        LocalDate chartDay = dayBefore.minusDays(11);
        OffsetDateTime chartNoon = chartDay.atTime(12, 0).atZone(clock.getZone()).toOffsetDateTime();
        loaded("chart-src", chartNoon, 40, 2);
        loaded("chart-src", chartNoon.plusHours(11).plusMinutes(59), 3, 5);   // 23:59 in the hub's zone: still that day
        loaded("chart-src", chartNoon.plusHours(12), 100, 100);               // 00:00 the next day: not that day
        insertTerminal("chart-src", chartNoon, BatchStatus.EMPTY);
        String failed = BatchIds.next(now);
        batches.insertReceived(newBatch(failed, "failing-src", now, "a".repeat(64)));
        int attempt = batches.startAttempt(failed);
        batches.markFailed(failed, attempt, "FILE_ENCODING", "文件第4行的内容不是UTF-8编码");

        String page = get("/console");

        // the page's today, its chart's last bar: the next day if midnight in Shanghai (16:00 UTC) passed meanwhile
        LocalDate today = lastChartDay(page);
        assertThat(today).isBetween(dayBefore, LocalDate.now(clock));
        assertThat(page).contains("仪表板").contains("id=\"today\"").contains("id=\"night\"");
        String todayTable = section(page, "id=\"today\"", "id=\"night\"");
        if (receivedDay(id, clock).equals(today)) {
            assertThat(todayTable).contains(">" + SOURCE + "<");
        }
        if (receivedDay(failed, clock).equals(today)) {
            assertThat(todayTable).contains("failing-src");
        }
        assertThat(section(page, "id=\"silent\"", "id=\"failing\"")).contains("silent-src").contains("有 4 天发送")
                .doesNotContain("rare-src").doesNotContain(SOURCE);
        assertThat(section(page, "id=\"failing\"", "daily-chart")).contains("failing-src").contains("FILE_ENCODING")
                .contains(failed).doesNotContain(SOURCE);
        assertThat(page).contains("<svg id=\"daily-chart\"")
                .contains("data-day=\"" + chartDay + "\" data-accepted=\"43\" data-rejected=\"7\"")
                .contains("data-day=\"" + chartDay.plusDays(1) + "\" data-accepted=\"100\" data-rejected=\"100\"")
                .contains("data-day=\"" + today.minusDays(29) + "\"")
                .doesNotContain("data-day=\"" + today.minusDays(30) + "\"");
        assertThat(page).as("no external resources").doesNotContain("https://").doesNotContain("http://cdn");
        assertThat(id).isNotNull();
    }

    @Test
    void aDashboardCountLinksToTheListOfExactlyTheBatchesItCounted() {
        String source = "count-src";
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        java.time.ZoneId zone = clock.getZone();
        OffsetDateTime nightStart = today.minusDays(1).atTime(properties.nightStart()).atZone(zone).toOffsetDateTime();
        OffsetDateTime nightEnd = today.atTime(properties.nightEnd()).atZone(zone).toOffsetDateTime();
        OffsetDateTime todayStart = today.atStartOfDay(zone).toOffsetDateTime();
        String yesterdayNoon = insertTerminal(source, todayStart.minusHours(12), BatchStatus.EMPTY);
        String lastNight = insertTerminal(source, nightStart.plusHours(1), BatchStatus.EMPTY);
        String early = insertTerminal(source, nightEnd.minusHours(1), BatchStatus.EMPTY);
        String afterNight = insertTerminal(source, nightEnd.plusMinutes(30), BatchStatus.EMPTY);
        String nightBefore = insertTerminal(source, nightStart.minusDays(1).plusHours(1), BatchStatus.EMPTY);
        java.util.List<String> all = java.util.List.of(yesterdayNoon, lastNight, early, afterNight, nightBefore);

        String page = get("/console");

        // each table's EMPTY count of the source, and the list its badge opens
        String todayTable = section(page, "id=\"today\"", "id=\"night\"");
        String nightTable = section(page, "id=\"night\"", "id=\"silent\"");
        assertThat(listedOf(all, badgeLink(todayTable, source, "EMPTY"))).containsExactlyInAnyOrder(early, afterNight);
        assertThat(listedOf(all, badgeLink(nightTable, source, "EMPTY"))).containsExactlyInAnyOrder(lastNight, early);
        assertThat(nightTable).contains(">2</a>");
    }

    private static LocalDate lastChartDay(String page) {
        java.util.regex.Matcher day = java.util.regex.Pattern.compile("data-day=\"([0-9-]+)\"").matcher(page);
        String last = null;
        while (day.find()) {
            last = day.group(1);
        }
        assertThat(last).as("the chart's days").isNotNull();
        return LocalDate.parse(last);
    }

    /** The href of the source's badge for the status in a dashboard table, as the browser follows it. */
    private static String badgeLink(String table, String source, String status) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/console/batches\\?source=" + source + "&amp;status="
                + status + "[^\"]*)\"").matcher(table);
        assertThat(link.find()).as("the %s badge of %s", status, source).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    /** Which of the batches the list at {@code link} shows. */
    private java.util.List<String> listedOf(java.util.List<String> batches, String link) {
        String list = get(link);
        return batches.stream().filter(list::contains).toList();
    }

    @Test
    void batchPageAndApiSayWhyRowsWereSkippedAndWhenTheCountsAreNotFinal() {
        String id = ingestSample(SOURCE);

        assertThat(get("/console/batches/" + id)).contains("id=\"skip-reasons\"", "跳过原因：序号=合计 1").doesNotContain("id=\"counts-note\"");
        assertThat(get("/api/batches/" + id)).contains("\"skipped\":1,\"warned\":1,\"skippedBy\":[{\"reason\":\"序号=合计\",\"rows\":1}]")
                .contains("\"countsNote\":null");

        // as a run the hub stopped part-way leaves it: counts 0 from the attempt's start, problems found so far
        jdbc.sql("UPDATE batch SET status = 'FAILED', rows_read = 0, rows_accepted = 0, rows_rejected = 0, rows_skipped = 0, "
                + "failure_code = 'PROCESSING_ERROR', failure_message = '平台处理时出错' WHERE id = ?").param(id).update();
        try {
            assertThat(get("/console/batches/" + id)).contains("id=\"counts-note\"", "以上行数不是最终结果").doesNotContain("id=\"skip-reasons\"");
            assertThat(get("/api/batches/" + id)).contains("\"countsNote\":\"" + org.tracehub.routes.receipt.Receipt.COUNTS_NOT_FINAL + "\"");
        } finally {
            // the other tests of the source list its batches by status
            jdbc.sql("UPDATE batch SET status = 'LOADED', rows_read = 10, rows_accepted = 7, rows_rejected = 3, rows_skipped = 1, "
                    + "failure_code = NULL, failure_message = NULL WHERE id = ?").param(id).update();
        }
    }

    @Test
    void batchListFiltersBySourceStatusAndDays() {
        String id = ingestSample(SOURCE);
        LocalDate day = receivedDay(id, clock);

        assertThat(get("/console/batches?source=" + SOURCE + "&status=LOADED&from=" + day + "&to=" + day)).contains(id);
        assertThat(get("/console/batches?source=" + SOURCE + "&status=FAILED")).doesNotContain(id).contains("没有符合条件的批次");
        assertThat(get("/console/batches?source=" + SOURCE + "&from=" + day.plusDays(1))).doesNotContain(id);
        assertThat(get("/console/batches?source=" + SOURCE + "&to=" + day.minusDays(1))).doesNotContain(id);
        assertThat(get("/console/batches")).contains(id);
        assertThat(status("/console/batches?from=27.11.2026")).isEqualTo(400);
        assertThat(status("/console/batches?to=%2B999999999-12-31")).as("a day after which none exists").isEqualTo(400);
        assertThat(status("/console/batches?from=1999-12-31")).isEqualTo(400);
        assertThat(get("/console/batches?source=" + SOURCE + "&from=2000-01-01&to=9999-12-31")).contains(id);
        assertThat(status("/console/batches?status=DONE")).isEqualTo(400);
        // a time of a day, as a dashboard count links with: from included, to excluded
        String received = jdbc.sql("SELECT received_at FROM batch WHERE id = ?").param(id).query(OffsetDateTime.class).single()
                .atZoneSameInstant(clock.getZone()).toLocalDateTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        assertThat(get("/console/batches?source=" + SOURCE + "&from=" + received)).contains(id).contains("type=\"datetime-local\"");
        assertThat(get("/console/batches?source=" + SOURCE + "&to=" + received)).doesNotContain(id);
        assertThat(status("/console/batches?from=" + day + "T25:00")).isEqualTo(400);
    }

    /**
     * The list's count stops 10,000 batches past the page's start: on PostgreSQL a count reads every row it counts, and the
     * unfiltered list of a hub two years old counted 4,000,000 on every view. A page past the end is counted exactly.
     */
    @Test
    void theBatchListCountsNoFurtherThanTenThousandBatchesPastItsPageAndSaysMoreThan() {
        String source = "many-batches";
        // years ago, so that no dashboard period or source status counts them
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, content_key, transport, "
                        + "received_at, status, attempt, updated_at) SELECT '20200101-' || LPAD(X, 10, '0'), :source, 'f.csv', 'f.csv', "
                        + "'a/f.csv', 1, REPEAT('0', 64), :source || X, 'SFTP', TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+08', "
                        + "'LOADED', 1, TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+08' FROM SYSTEM_RANGE(1, 10050)")
                .param("source", source).update();
        try {
            assertThat(get("/console/batches?source=" + source)).contains("第 1 页，共超过 10000 条").contains("class=\"next\"");
            assertThat(get("/console/batches?source=" + source + "&page=1")).contains("第 2 / 201 页，共 10050 条");
            assertThat(get("/console/batches?source=" + source + "&page=999")).contains("第 201 / 201 页，共 10050 条")
                    .doesNotContain("class=\"next\"");
        } finally {
            jdbc.sql("DELETE FROM batch WHERE source_id = ?").param(source).update();
        }
    }

    @Test
    void batchPageShowsCountsProblemsDownloadsExecutionsAndTheActionsTheHubServes() {
        String id = ingestSample(SOURCE);

        String page = get("/console/batches/" + id);

        assertThat(page).contains("id=\"count-read\">10<").contains("id=\"count-accepted\">7<").contains("id=\"count-rejected\">3<")
                .contains("id=\"count-skipped\">1<").contains("id=\"count-warned\">1<");
        assertThat(section(page, "id=\"problem-table\"", "id=\"executions\"")).contains("USCC_CHARACTER")
                .contains("CERTIFICATE_REQUIRED").contains("QUANTITY_NOT_POSITIVE").contains("USCC_CHECK_DIGIT").contains("-35")
                .contains("class=\"rejected\"").contains("class=\"warned\"");
        assertThat(page).contains("/api/batches/" + id + "/original").contains("/api/batches/" + id + "/errors.xlsx")
                .contains("/console/batches/" + id + "/receipt.csv");
        // Chinese first, Spring Batch's names beside them (the log and its tables carry those)
        assertThat(section(page, "id=\"executions\"", "id=\"audit\"")).contains("导入（importJob）").contains(">已完成（COMPLETED）<")
                .contains("转换校验（convertStep） 已完成（COMPLETED）").contains("回执（receiptStep）");
        assertThat(page).contains("data-finished=\"true\"");
        assertThat(page).as("the admin may reprocess a loaded batch").contains("id=\"reprocess\"");
        assertThat(page.contains("id=\"retry\"")).as("no retry for a loaded batch").isFalse();
        assertThat(status("/console/batches/20260101-0000000000")).isEqualTo(404);
        assertThat(section(page, "id=\"problem-table\"", "</thead>")).contains("<th>行号</th>");
    }

    @Test
    void theBatchPageHeadsTheProblemRowsAsRecordNumbersWhenTheFilesRecordsShareLines() {
        // as the convert step records an XML export written on one line (V22); its receipt and error report say 记录号 too
        String id = ingestSample("meat-attempts");
        jdbc.sql("UPDATE batch SET row_numbering = 'RECORDS' WHERE id = ?").param(id).update();

        String page = get("/console/batches/" + id);

        assertThat(section(page, "id=\"problem-table\"", "</thead>")).contains("<th>记录号</th>").doesNotContain("行号");
        assertThat(get("/api/batches/" + id)).contains("\"rowNumbering\":\"RECORDS\"");
        assertThat(get("/api/batches/" + ingestSample("meat-attempts"))).contains("\"rowNumbering\":\"LINES\"");
    }

    @Test
    void theBatchPageNamesTheSpecVersionThatMadeTheBatchAndShowsTheTextKeptForIt() {
        String id = ingestSample("meat-attempts");
        String fingerprint = batches.specVersions(id).orElseThrow().current();
        assertThat(fingerprint).hasSize(64);

        String page = get("/console/batches/" + id);

        assertThat(section(page, "id=\"spec-version\"", "</dd>")).contains(fingerprint.substring(0, 12)).contains("查看映射规范");
        assertThat(page).contains("映射版本").doesNotContain("id=\"loaded-spec-version\"");
        assertThat(get("/console/batches/" + id + "/spec.yml")).contains("source: meat-attempts");
    }

    @Test
    void theBatchPageSaysWhichAttemptTheTraceStoreHoldsWhenItIsNotTheCurrentOne() {
        // a source of its own: its batch ends FAILED, which the dashboard and list tests of SOURCE must not see
        String id = ingestSample("meat-attempts");
        assertThat(get("/console/batches/" + id)).as("the store holds the attempt shown").doesNotContain("id=\"store-attempt\"");

        // a reprocess whose attempt 2 failed: consumers still see attempt 1's events
        int attempt = batches.startAttempt(id);
        batches.markFailed(id, attempt, "PROCESSING_ERROR", "数据库暂时不可用");
        String page = get("/console/batches/" + id);
        assertThat(page).contains("第 2 次处理").contains("追溯库中为第 1 次处理的数据");

        OffsetDateTime now = OffsetDateTime.now(clock);
        String neverLoaded = BatchIds.next(now);
        batches.insertReceived(newBatch(neverLoaded, "unloaded-src", now, "e".repeat(64)));
        batches.markFailed(neverLoaded, batches.startAttempt(neverLoaded), "PROCESSING_ERROR", "数据库暂时不可用");
        assertThat(get("/console/batches/" + neverLoaded)).contains("追溯库中尚无此批次的数据");
    }

    @Test
    void anOlderBatchsPageListsItsRowsWhoseVersionsANewerBatchsReprocessRemovedNamingThatBatchAndSaysToReprocess() throws Exception {
        byte[] monday = freshSample();
        String older = ingest("meat-attempts", "交易明细_20261127.csv", monday);
        // the next export sends the same records again (one weight corrected): its versions replace the older ones
        String text = new String(monday, GB18030);
        String newer = ingest("meat-attempts", "交易明细_20261128.csv", text.replace(",256.5,", ",256.6,").getBytes(GB18030));
        assertThat(get("/console/batches/" + older)).doesNotContain("id=\"lost-versions\"");

        // the newer batch reprocessed, and its record 2 (line 4) is now rejected: the older batch's version goes with it
        Files.write(storage.resolve(batches.findById(newer).orElseThrow().archivePath()),
                text.replace(",256.5,", ",256.6,").replace(",\"1,200\",", ",-35,").getBytes(GB18030));
        http().post().uri("/api/batches/{id}/reprocess", newer).retrieve().toBodilessEntity();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> progress.of(newer)
                .map(p -> p.attempt() == 2 && !p.running() && "LOADED".equals(p.status())).orElse(false));

        String page = get("/console/batches/" + older);
        String notice = section(page, "id=\"lost-versions\"", "</section>");
        assertThat(notice).contains("共 1 行").contains("本批次有 1 行已接受的数据不在追溯库中").contains("请平台管理员重新处理本批次")
                .contains("data-error-code=\"RECORD_REMOVED_OLDER_VERSION_LOST\"");
        assertThat(section(notice, "<tbody>", "</tbody>")).contains("<td>4</td>").contains("XJM2611270002")
                .contains("href=\"/console/batches/" + newer + "\"").contains("第4行").doesNotContain("XJM2611270001");
        assertThat(get("/console/batches/" + newer)).as("the newer batch's own warning says it on its row").doesNotContain("id=\"lost-versions\"")
                .contains("RECORD_REMOVED_OLDER_VERSION_LOST");

        // as the notice says: the older batch reprocessed stores its version again
        http().post().uri("/api/batches/{id}/reprocess", older).retrieve().toBodilessEntity();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> progress.of(older)
                .map(p -> p.attempt() == 2 && !p.running() && "LOADED".equals(p.status())).orElse(false));
        assertThat(get("/console/batches/" + older)).doesNotContain("id=\"lost-versions\"");
    }

    @Test
    void theRetryButtonShowsOnlyForAFailureInTheHubNotForOneInTheFile() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String inTheFile = BatchIds.next(now);
        batches.insertReceived(newBatch(inTheFile, "failing-src", now, "b".repeat(64)));
        batches.markFailed(inTheFile, batches.startAttempt(inTheFile), "FILE_ENCODING", "文件第4行的内容不是UTF-8编码");
        String inTheHub = BatchIds.next(now);
        batches.insertReceived(newBatch(inTheHub, "failing-src", now, "c".repeat(64)));
        batches.markFailed(inTheHub, batches.startAttempt(inTheHub), "PROCESSING_ERROR", "数据库暂时不可用");

        assertThat(get("/console/batches/" + inTheFile)).as("retry would be refused: the file must be sent again")
                .doesNotContain("id=\"retry\"");
        assertThat(get("/console/batches/" + inTheHub)).contains("id=\"retry\"");
    }

    @Test
    void aBatchWaitingForDiskSpaceIsShownAsSuchInTheListTheBatchPageTheDashboardCountsAndTheApi() {
        String source = "disk-src";
        OffsetDateTime now = OffsetDateTime.now(clock);
        String waiting = BatchIds.next(now);
        batches.insertReceived(newBatch(waiting, source, now, "e".repeat(64)));
        int attempt = batches.startAttempt(waiting);
        stoppedForTheDisk(waiting, attempt);
        batches.markFailed(waiting, attempt, ErrorCodes.DISK_FULL, ImportFailureListener.DISK_FULL_MESSAGE);
        String failed = BatchIds.next(now);
        batches.insertReceived(newBatch(failed, source, now, "f".repeat(64)));
        batches.markFailed(failed, batches.startAttempt(failed), ErrorCodes.PROCESSING_ERROR, "数据库暂时不可用");
        try {
            String page = get("/console/batches/" + waiting);
            assertThat(section(page, "id=\"batch-status\"", "</span>")).contains("等待磁盘空间").doesNotContain("失败");
            assertThat(section(page, "id=\"waiting-for-disk\"", "</p>")).contains("平台每 5 分钟检查一次", "自动从中断处继续",
                    "已尝试 1 / 5 次");
            assertThat(page).as("the run in the job table").contains("磁盘空间不足，等待自动重试（DISK_FULL）");
            assertThat(get("/console/batches/" + failed)).doesNotContain("id=\"waiting-for-disk\"");
            // not finished: the page's poll goes on (at its slowest, console.js) and shows the hub's retry resuming it
            assertThat(section(page, "id=\"progress\"", ">")).contains("data-finished=\"false\"");
            assertThat(get("/console/batches/" + waiting + "/progress")).contains("\"finished\":false", "\"waitingForDisk\":true");
            assertThat(section(get("/console/batches/" + failed), "id=\"progress\"", ">")).contains("data-finished=\"true\"");

            String list = get("/console/batches?source=" + source);
            assertThat(section(list, "data-batch-id=\"" + waiting + "\"", "</tr>")).contains("等待磁盘空间");
            assertThat(section(list, "data-batch-id=\"" + failed + "\"", "</tr>")).contains(">失败<").doesNotContain("等待磁盘空间");
            assertThat(get("/console/batches?source=" + source + "&status=WAITING_FOR_DISK")).contains(waiting).doesNotContain(failed);
            assertThat(get("/console/batches?source=" + source + "&status=FAILED")).contains(failed).doesNotContain(waiting);

            String dashboard = get("/console");
            if (receivedDay(waiting, clock).equals(lastChartDay(dashboard))) {
                String today = section(dashboard, "id=\"today\"", "id=\"night\"");
                List<String> both = List.of(waiting, failed);
                assertThat(listedOf(both, badgeLink(today, source, "WAITING_FOR_DISK"))).containsExactly(waiting);
                assertThat(listedOf(both, badgeLink(today, source, "FAILED"))).containsExactly(failed);
            }
            assertThat(section(section(dashboard, "id=\"failing\"", "daily-chart"), "/console/sources/" + source + "\"", "</tr>"))
                    .as("its failures for an admin: not the wait").contains(">1</a>").contains(failed).doesNotContain(waiting);

            Map<String, Object> api = http().get().uri("/api/batches/{id}", waiting).retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(api).containsEntry("status", "FAILED").containsEntry("waitingForDisk", true)
                    .containsEntry("diskWait", Map.of("triesUsed", 1, "maxTries", 5, "retryInterval", "PT5M"));
            assertThat(http().get().uri("/api/batches/{id}", failed).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { }))
                    .containsEntry("waitingForDisk", false).containsEntry("diskWait", null);
        } finally {
            // the hub's own retry would take it up at its next look, with no original to convert
            batches.markLoaded(waiting, attempt);
        }
    }

    /** The attempt's run that stopped for the disk, as the job repository keeps it after the import failure listener. */
    private void stoppedForTheDisk(String batchId, int attempt) {
        JobParameters params = ImportJobParameters.of(batchId, attempt);
        JobExecution run = jobRepository.createJobExecution(jobRepository.createJobInstance(ImportJobParameters.JOB_NAME, params),
                params, new ExecutionContext());
        run.setStartTime(LocalDateTime.now());
        run.setEndTime(LocalDateTime.now());
        run.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
        run.setExitStatus(new ExitStatus(DiskFullRuns.EXIT_CODE));
        jobRepository.update(run);
    }

    @Test
    void theReprocessButtonShowsForABatchLeftConvertingWithNoRunOnceItIsUnchangedForTheGracePeriod() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String left = BatchIds.next(now);
        batches.insertReceived(newBatch(left, "stuck-src", now, "d".repeat(64)));
        batches.startAttempt(left); // CONVERTING, and no job: its queued start was dropped when the hub stopped

        assertThat(get("/console/batches/" + left)).as("it may still be starting").doesNotContain("id=\"reprocess\"")
                .doesNotContain("id=\"stuck\"");

        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(now.minusMinutes(31), left).update();
        assertThat(get("/console/batches/" + left)).contains("id=\"reprocess\"").contains("id=\"stuck\"");
    }

    @Test
    void theProgressOfABatchLeftConvertingWithNoRunSaysItIsStuckSoThePagesPollStops() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String left = BatchIds.next(now);
        batches.insertReceived(newBatch(left, "stuck-poll-src", now, "f".repeat(64)));
        batches.startAttempt(left);
        assertThat(progressOf(left)).as("it may still be starting").containsEntry("finished", false).containsEntry("stuck", false);

        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(now.minusMinutes(31), left).update();
        assertThat(progressOf(left)).containsEntry("finished", false).containsEntry("stuck", true);
    }

    private Map<String, Object> progressOf(String id) {
        return http().get().uri("/console/batches/{id}/progress", id).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    @Test
    void progressOfALoadedBatchIsFinishedAtOneHundredPercent() {
        String id = ingestSample(SOURCE);

        Map<String, Object> progress = http().get().uri("/console/batches/{id}/progress", id).retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(progress).containsEntry("status", "LOADED").containsEntry("statusText", "已入库").containsEntry("phase", "DONE")
                .containsEntry("finished", true).containsEntry("running", false).containsEntry("percent", 100)
                .containsEntry("rowsRead", 10).containsEntry("rowsToLoad", 7).containsEntry("rowsLoaded", 7);
    }

    @Test
    void theBatchPageAndTheApiSayWhetherTheReceiptReachedTheOutboxAndWhyNot() {
        String id = ingestSample(SOURCE);
        await().atMost(Duration.ofSeconds(30)).until(() -> "LOADED".equals(jdbc.sql("SELECT receipt_status FROM batch WHERE id = ?")
                .param(id).query((rs, i) -> rs.getString(1)).list().get(0)));

        assertThat(section(get("/console/batches/" + id), "id=\"receipt-delivery\"", "</dl>")).contains("回执已送达")
                .contains("第 1 次处理").doesNotContain("未送达");
        Map<String, Object> delivered = receiptOf(id);
        assertThat(delivered).containsEntry("state", "DELIVERED").containsEntry("deliveredStatus", "LOADED")
                .containsEntry("deliveredAttempt", 1);

        // the batch changed again (a retry) and the delivery of its new receipt failed
        jdbc.sql("UPDATE batch SET updated_at = receipt_at + INTERVAL '1' MINUTE, receipt_tried_at = receipt_at + INTERVAL '2' MINUTE, "
                + "receipt_failure = 'java.nio.file.AccessDeniedException: outbox' WHERE id = ?").param(id).update();

        String behind = section(get("/console/batches/" + id), "id=\"receipt-delivery\"", "</dl>");
        assertThat(behind).contains("回执未送达").contains("AccessDeniedException").contains("第 1 次处理");
        assertThat(receiptOf(id)).containsEntry("state", "BEHIND").containsEntry("stateText", "回执未送达")
                .containsEntry("deliveredStatus", "LOADED").containsEntry("lastFailure", "java.nio.file.AccessDeniedException: outbox");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> receiptOf(String id) {
        Map<String, Object> batch = http().get().uri("/api/batches/{id}", id).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (Map<String, Object>) batch.get("receipt");
    }

    @Test
    void receiptDownloadIsTheReceiptTheSenderGot() throws Exception {
        String id = ingestSample(SOURCE);
        var outbox = storage.outbox(SOURCE).resolve("交易明细_20261127.csv.receipt.csv");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Files.exists(outbox) && new String(Files.readAllBytes(outbox), GB18030).contains(id));

        byte[] csv = http().get().uri("/console/batches/{id}/receipt.csv", id).retrieve().body(byte[].class);

        // the same receipt but for when it was written (回执时间): the download is stamped when it is made, a second later at times
        String downloaded = new String(csv, GB18030);
        String delivered = new String(Files.readAllBytes(outbox), GB18030);
        assertThat(downloaded).contains("\r\n回执时间,");
        assertThat(withoutWrittenAt(downloaded)).isEqualTo(withoutWrittenAt(delivered));
        assertThat(downloaded).contains("批次号," + id).contains("QUANTITY_NOT_POSITIVE");
    }

    private static String withoutWrittenAt(String receipt) {
        return receipt.replaceAll("\r\n回执时间,[^\r]*", "");
    }

    @Test
    void receiptDownloadOfAReprocessNotLoadedSaysTheEarlierAttemptStandsAsTheDeliveredReceiptDoes() {
        String id = ingestSample(SOURCE);
        // attempt 2 refused whole, as a reprocess over the reject threshold leaves it: the store still holds attempt 1
        jdbc.sql("UPDATE batch SET attempt = 2, status = 'FAILED' WHERE id = ?").param(id).update();
        try {
            String csv = new String(http().get().uri("/console/batches/{id}/receipt.csv", id).retrieve().body(byte[].class), GB18030);
            String xml = http().get().uri("/console/batches/{id}/receipt.xml", id).retrieve().body(String.class);

            assertThat(csv).contains("库中数据,").contains("第1次处理入库的数据仍然有效");
            assertThat(xml).contains("<loadedAttempt attempt=\"1\"");
        } finally {
            // the class's other tests list the source's batches by status
            jdbc.sql("UPDATE batch SET attempt = 1, status = 'LOADED' WHERE id = ?").param(id).update();
        }
    }

    @Test
    void sourcePagesShowTheSpecRecentBatchesAndHowTheSourceSends() {
        String id = ingestSample(SOURCE);

        assertThat(get("/console/sources")).contains(">" + SOURCE + "<").contains("meat-wholesale-xj");
        String page = get("/console/sources/" + SOURCE);

        assertThat(section(page, "id=\"spec\"", "id=\"recent\"")).contains("交易明细_*.csv").contains("source: " + SOURCE)
                .contains(SOURCES_DIR.resolve(SOURCE + ".yaml").toString());
        assertThat(section(page, "id=\"recent\"", "</main>")).contains(id);
        assertThat(section(page, "id=\"sftp\"", "id=\"pull\"")).contains("未开通").contains("运行中");
        assertThat(section(page, "id=\"pull\"", "id=\"spec\"")).contains("未配置");
        assertThat(status("/console/sources/no-such-source")).isEqualTo(404);
    }

    @Test
    void aSourceWithADropBoxAccountButNoSpecIsListedWithItsInboxAndSaysWhatItLacks() {
        assertThat(section(get("/console/sources"), ">" + ConsoleTestSupport.NO_SPEC_SOURCE + "<", "</tr>")).contains("无映射规范");
        String page = get("/console/sources/" + ConsoleTestSupport.NO_SPEC_SOURCE);
        assertThat(section(page, "id=\"sftp\"", "id=\"pull\"")).contains("已开通");
        assertThat(section(page, "id=\"no-spec\"", "</section>")).contains("无法识别", ConsoleTestSupport.NO_SPEC_SOURCE + ".yaml");
        assertThat(page).doesNotContain("id=\"spec\"");
        assertThat(get("/console/batches")).as("the batch filter offers it").contains("<option value=\"" + ConsoleTestSupport.NO_SPEC_SOURCE + "\"");
    }

    @Test
    void aPullsWarningOfFilesLeftOnTheLegacyServerShowsWithItsTimeOnTheSourcePageTheSourceListAndTheSourcesApi() {
        OffsetDateTime night = OffsetDateTime.now(clock).withHour(2).withMinute(30).withSecond(9).withNano(0);
        String detail = "交易明细_20261201.csv was taken in as batch 20261201-0a1b2c3d4e but could not be moved to done/20261201-0a1b2c3d4e/";
        // as the pull's after-fetch handler left it before warnings had a kind (V26): the only kind there was
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, consecutive_failures, last_fetched, warning_at, "
                + "warning_files, warning_message) VALUES (?, ?, ?, 0, 2, ?, 2, ?)").params(PULLED_SOURCE, night, night, night, detail).update();
        try {
            String when = night.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            assertThat(section(get("/console/sources/" + PULLED_SOURCE), "id=\"pull\"", "id=\"spec\"")).contains("id=\"pull-warning\"")
                    .contains(when + " 拉取后：2 个已拉取的文件未能在原服务器上移走或删除").contains("详情：" + detail);
            assertThat(section(get("/console/sources"), ">" + PULLED_SOURCE + "<", "</tr>")).contains("文件滞留原服务器（" + when + "）");

            Map<String, Object> source = http().get().uri("/api/sources/{id}", PULLED_SOURCE).retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(source).containsEntry("status", "PULL_WARNING");
            @SuppressWarnings("unchecked")
            Map<String, Object> warning = (Map<String, Object>) ((Map<String, Object>) source.get("pull")).get("warning");
            assertThat(warning).containsEntry("kind", "LEFT_AFTER_FETCH").containsEntry("filesLeftOnServer", 2)
                    .containsEntry("detail", detail);
            assertThat((String) warning.get("text")).startsWith("2 个已拉取的文件未能在原服务器上移走或删除");
            assertThat(section(get("/console/sources/" + PULLED_SOURCE), "id=\"pull\"", "id=\"spec\"")).contains("data-kind=\"LEFT_AFTER_FETCH\"");
            assertThat(OffsetDateTime.parse((String) warning.get("at")).toInstant()).isEqualTo(night.toInstant());
            // the reading the health's DEGRADED comes from
            Map<String, Object> health = http().get().uri("/actuator/health").retrieve().body(new ParameterizedTypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> pulls = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("pulls");
            assertThat(pulls).containsEntry("status", "DEGRADED");
        } finally {
            // the shared context's health is UP again for the other tests
            jdbc.sql("DELETE FROM pull_state WHERE source_id = ?").param(PULLED_SOURCE).update();
        }
        assertThat(get("/console/sources/" + PULLED_SOURCE)).doesNotContain("pull-warning");
        Map<String, Object> cleared = http().get().uri("/api/sources/{id}", PULLED_SOURCE).retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(cleared).containsEntry("status", "OK");
    }

    @Test
    void aPullWarningOfFilesNotFetchedSaysTheyStayOnTheLegacyServerForTheNextPullAndNotToDeleteThem() {
        OffsetDateTime night = OffsetDateTime.now(clock).withHour(2).withMinute(41).withSecond(0).withNano(0);
        String detail = "交易明细_20261201.csv 一直在变化，未拉取，仍留在原服务器上：本次拉取共 4 次运行";
        // as the pull's last follow-up of the night leaves it (routes' PullSchedule.followUp)
        jdbc.sql("INSERT INTO pull_state (source_id, last_attempt_at, last_success_at, consecutive_failures, last_fetched, warning_kind, "
                + "warning_at, warning_files, warning_message) VALUES (?, ?, ?, 0, 0, 'NOT_FETCHED', ?, 1, ?)")
                .params(PULLED_SOURCE, night, night, night, detail).update();
        try {
            String when = night.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            String page = section(get("/console/sources/" + PULLED_SOURCE), "id=\"pull\"", "id=\"spec\"");
            assertThat(page).contains(when + " 拉取后：1 个文件未拉取，仍留在原服务器上（平台尚未接收）：下一次定时或请求的拉取会再试")
                    .contains("请勿在原服务器上删除").contains("详情：" + detail)
                    .as("the hub never received it: no word of it taken in, nor of deleting it by hand")
                    .doesNotContain("已拉取").doesNotContain("平台已接收").doesNotContain("手工移走或删除");
            assertThat(section(get("/console/sources"), ">" + PULLED_SOURCE + "<", "</tr>")).contains("文件滞留原服务器（" + when + "）")
                    .contains("1 个文件未拉取").doesNotContain("已拉取");

            Map<String, Object> source = http().get().uri("/api/sources/{id}", PULLED_SOURCE).retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(source).containsEntry("status", "PULL_WARNING");
            assertThat((String) source.get("statusText")).doesNotContain("移走或删除");
            @SuppressWarnings("unchecked")
            Map<String, Object> warning = (Map<String, Object>) ((Map<String, Object>) source.get("pull")).get("warning");
            assertThat(warning).containsEntry("kind", "NOT_FETCHED").containsEntry("filesLeftOnServer", 1).containsEntry("detail", detail);
            assertThat((String) warning.get("text")).startsWith("1 个文件未拉取").contains("导出仍在写入", "一直在变化", "时钟")
                    .doesNotContain("已拉取").doesNotContain("手工移走或删除");
            // the same kind and words on the page, the list and in the health an admin or monitoring reads
            assertThat(page).contains("data-kind=\"NOT_FETCHED\"").contains((String) warning.get("text"));
            assertThat(section(get("/console/sources"), ">" + PULLED_SOURCE + "<", "</tr>")).contains("data-kind=\"NOT_FETCHED\"");
            Map<String, Object> health = http().get().uri("/actuator/health/pulls").retrieve().body(new ParameterizedTypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> inHealth = ((Map<String, Map<String, Object>>) ((Map<String, Object>) health.get("details")).get("sources"))
                    .get(PULLED_SOURCE);
            assertThat(inHealth).containsEntry("warningKind", warning.get("kind")).containsEntry("warningText", warning.get("text"));
        } finally {
            // the shared context's health is UP again for the other tests
            jdbc.sql("DELETE FROM pull_state WHERE source_id = ?").param(PULLED_SOURCE).update();
        }
    }

    @Test
    void aSourceRemovedFromTheConfigurationStillHasAPageListingItsBatchesAndFiltersTheBatchList() {
        // a batch of a market whose spec, account and pull were removed since
        String id = insertTerminal("removed-src", OffsetDateTime.now(clock).minusDays(1), BatchStatus.EMPTY);
        assertThat(get("/console/batches/" + id)).as("the batch page links its source").contains("href=\"/console/sources/removed-src\"");

        String page = get("/console/sources/removed-src");

        assertThat(page).contains("已从配置中移除").contains("id=\"removed-batch-count\">1<");
        assertThat(section(page, "id=\"recent\"", "</main>")).contains(id).contains("/console/batches?source=removed-src");
        String list = get("/console/batches?source=removed-src");
        assertThat(list).contains("<option value=\"removed-src\" selected=\"selected\">removed-src（已从配置中移除）</option>");
        assertThat(section(list, "<tbody>", "</tbody>")).contains(id);
        assertThat(status("/console/sources/never-a-source")).as("an id that never sent a batch").isEqualTo(404);
    }

    @Test
    void dryRunPageConvertsAPastedSpecAndShowsEventsAndProblems() {
        String form = get("/console/dry-run?source=" + SOURCE);
        assertThat(form).contains("source: " + SOURCE);

        var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        parts.add("specText", builtInSpec());
        parts.add("file", SpecDryRunControllerTest.file("交易明细_20261127.csv", org.tracehub.samples.SampleCorpus.bytes(SAMPLE)));
        parts.add("limit", "3");
        String page = http().post().uri("/console/dry-run").contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                .body(parts).retrieve().body(String.class);

        assertThat(section(page, "id=\"dry-run-result\"", "</main>")).contains("<td>10</td><td>7</td>")
                .contains("QUANTITY_NOT_POSITIVE").contains("XJM2611270001").contains("XJM2611270002").contains("XJM2611270004")
                .doesNotContain("XJM2611270005");

        parts.set("specText", "source: Bad_Id\n");
        String refused = http().post().uri("/console/dry-run").contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                .body(parts).retrieve().body(String.class);
        assertThat(section(refused, "id=\"dry-run-refusal\"", "</main>")).contains("SPEC_INVALID").contains("spec.yaml:1: source:");
    }

    @Test
    void auditPageListsActions() {
        String id = ingestSample(SOURCE);
        http().get().uri("/api/batches/{id}/original", id).retrieve().toBodilessEntity();

        assertThat(section(get("/console/audit"), "id=\"audit-table\"", "</main>")).contains(id).contains("下载原始文件")
                .contains("admin");
    }

    /**
     * The audit page counts as the batch list does, no further than 10,000 entries past its page: the log grows by every
     * upload, download and action, and on PostgreSQL its whole count read every entry on every view.
     */
    @Test
    void theAuditPageCountsNoFurtherThanTenThousandEntriesPastItsPageAndSaysMoreThan() {
        String batch = BatchIds.next(OffsetDateTime.parse("2020-01-01T00:00:00+08:00"));
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, batch_id, outcome, detail) SELECT TIMESTAMP WITH TIME ZONE "
                        + "'2020-01-01 00:00:00+08', 'admin', 'DOWNLOAD_ORIGINAL', :batch, 200, 'entry ' || X FROM SYSTEM_RANGE(1, 10050)")
                .param("batch", batch).update();
        try {
            assertThat(get("/console/audit")).contains("第 1 页，共超过 10000 条").contains("class=\"next\"");
            assertThat(get("/console/audit?batch=" + batch)).contains("第 1 页，共超过 10000 条");
            assertThat(get("/console/audit?batch=" + batch + "&page=1")).contains("第 2 / 201 页，共 10050 条");
            assertThat(get("/console/audit?batch=" + batch + "&page=999")).contains("第 201 / 201 页，共 10050 条")
                    .doesNotContain("class=\"next\"");
        } finally {
            jdbc.sql("DELETE FROM audit_log WHERE batch_id = ?").param(batch).update();
        }
    }

    private String insertTerminal(String source, OffsetDateTime at, BatchStatus status) {
        String id = BatchIds.next(at);
        batches.insertTerminal(newBatch(id, source, at, java.util.UUID.randomUUID().toString().replace("-", "").repeat(2)),
                status, null, "FILE_EMPTY", "文件为空");
        return id;
    }

    /** A batch of the source received at the time, whose attempt loaded these rows. */
    private void loaded(String source, OffsetDateTime at, long accepted, long rejected) {
        String id = BatchIds.next(at);
        batches.insertReceived(newBatch(id, source, at, java.util.UUID.randomUUID().toString().replace("-", "").repeat(2)));
        int attempt = batches.startAttempt(id);
        batches.markStaged(id, attempt, new BatchCounts(accepted + rejected, accepted, rejected, 0, 0), "UTF-8");
        batches.markLoaded(id, attempt);
    }

    private static NewBatch newBatch(String id, String source, OffsetDateTime at, String sha) {
        return new NewBatch(id, source, "f.csv", "f.csv", "archive/x/" + id + "/f.csv", 0, sha, Transport.SFTP, at);
    }

    private String get(String uri) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + uri)).retrieve().body(String.class);
    }

    @Test
    void aPageThatDoesNotExistOrARequestThatCannotBeReadIsAnsweredInChinese() {
        assertThat(errorPage("/console/batches/20260101-0000000000", 404)).contains("页面不存在", "返回管理台").doesNotContain("Whitelabel");
        assertThat(errorPage("/console/batches?from=27.11.2026", 400)).contains("请求无效", "yyyy-MM-dd").doesNotContain("Whitelabel");
        assertThat(errorPage("/t/", 404)).as("a consumer's mistyped address").contains("网址无法识别", "追溯码").doesNotContain("返回管理台");
    }

    /** What a browser shows for an error: the HTML error page, not the JSON a script gets. */
    private String errorPage(String uri, int expectedStatus) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + uri)).accept(org.springframework.http.MediaType.TEXT_HTML)
                .exchange((req, res) -> {
                    assertThat(res.getStatusCode().value()).as(uri).isEqualTo(expectedStatus);
                    return new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                });
    }

    private int status(String uri) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + uri)).exchange((req, res) -> res.getStatusCode().value());
    }

    /** The part of a page between two markers, so an assertion looks where it should. */
    static String section(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as("marker %s", from).isNotNegative();
        int end = page.indexOf(to, start + from.length());
        return end < 0 ? page.substring(start) : page.substring(start, end);
    }
}
