package org.tracehub.hub.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tracehub.hub.config.SpecSources;

/** The console's first page: today, last night, silent and failing sources, the last days' rows. */
@Controller
public class DashboardController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final DashboardQueries queries;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final SpecSources specSources;

    public DashboardController(DashboardQueries queries, ConsoleProperties properties, Clock clock, SpecSources specSources) {
        this.specSources = specSources;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping({"/console", "/console/"})
    public String dashboard(Model model) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        OffsetDateTime todayStart = today.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime tomorrow = today.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime nightStart = today.minusDays(1).atTime(properties.nightStart()).atZone(clock.getZone()).toOffsetDateTime();
        OffsetDateTime nightEnd = today.atTime(properties.nightEnd()).atZone(clock.getZone()).toOffsetDateTime();

        model.addAttribute("now", now.format(TIME));
        // what otherwise only the log says: files of these sources end UNKNOWN_SOURCE, or are converted with an older spec
        model.addAttribute("specFolderProblem", specSources.folderProblem().orElse(null));
        model.addAttribute("refusedSpecs", specSources.refused());
        model.addAttribute("today", StatusTable.of("今天", today.toString(), BatchDays.Bound.of(today), BatchDays.Bound.of(today),
                queries.statusBySource(todayStart, tomorrow)));
        model.addAttribute("night", StatusTable.of("昨夜", nightStart.format(TIME) + " – " + nightEnd.format(TIME),
                BatchDays.Bound.of(nightStart.toLocalDateTime()), BatchDays.Bound.of(nightEnd.toLocalDateTime()),
                queries.statusBySource(nightStart, nightEnd)));
        OffsetDateTime quietSince = now.minusHours(properties.silentHours()).toOffsetDateTime();
        model.addAttribute("silent", queries.silentSources(today, properties.usualLookbackDays(), properties.usualMinDays(), quietSince));
        model.addAttribute("silentHours", properties.silentHours());
        model.addAttribute("usualLookbackDays", properties.usualLookbackDays());
        model.addAttribute("usualMinDays", properties.usualMinDays());
        // to the minute: the failed batches' link shows the list from this time (received since; the count is of batches
        // that failed since, which are these unless an older batch was reprocessed or loaded late)
        ZonedDateTime failedSince = now.minusHours(24).truncatedTo(ChronoUnit.MINUTES);
        model.addAttribute("failing", queries.failingSources(failedSince.toOffsetDateTime()));
        model.addAttribute("failingFrom", BatchDays.Bound.of(failedSince.toLocalDateTime()).toString());
        model.addAttribute("chart", DailyChart.of(queries.dailyRows(today.minusDays(properties.chartDays() - 1L), today)));
        model.addAttribute("chartDays", properties.chartDays());
        return "console/dashboard";
    }
}
