package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard chart's geometry: bars stacked on one baseline, scaled to a round maximum. */
class DailyChartTest {

    @Test
    void barsStackRejectedOnAcceptedAndScaleToARoundMaximum() {
        List<DashboardQueries.DayRows> days = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 11, 1);
        for (int i = 0; i < 30; i++) {
            days.add(new DashboardQueries.DayRows(first.plusDays(i), 0, 0));
        }
        days.set(29, new DashboardQueries.DayRows(first.plusDays(29), 700, 300));
        days.set(28, new DashboardQueries.DayRows(first.plusDays(28), 140, 60));

        DailyChart chart = DailyChart.of(days);

        assertThat(chart.max()).isEqualTo(1000);
        assertThat(chart.totalAccepted()).isEqualTo(840);
        assertThat(chart.totalRejected()).isEqualTo(360);
        DailyChart.Bar last = chart.bars().get(29);
        double baseline = chart.plotTop() + chart.plotHeight();
        assertThat(last.acceptedHeight()).isEqualTo(Math.round(chart.plotHeight() * 0.7 * 10) / 10.0);
        assertThat(last.acceptedY() + last.acceptedHeight()).isEqualTo(baseline);
        assertThat(last.rejectedY() + last.rejectedHeight()).isCloseTo(last.acceptedY(), org.assertj.core.data.Offset.offset(0.11));
        assertThat(last.rejectedY()).isCloseTo(chart.plotTop(), org.assertj.core.data.Offset.offset(0.11));
        assertThat(chart.bars().get(0).acceptedHeight()).isZero();
        assertThat(chart.bars()).extracting(DailyChart.Bar::label).filteredOn(l -> l != null)
                .containsExactly("11-03", "11-06", "11-09", "11-12", "11-15", "11-18", "11-21", "11-24", "11-27", "11-30");
        assertThat(chart.ticks()).extracting(DailyChart.Tick::value).containsExactly(0L, 200L, 400L, 600L, 800L, 1000L);
        assertThat(last.x() + last.width()).isLessThanOrEqualTo(chart.plotLeft() + chart.plotWidth());
    }

    @Test
    void niceCeilingIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(DailyChart.niceCeiling(0)).isEqualTo(5);
        assertThat(DailyChart.niceCeiling(5)).isEqualTo(5);
        assertThat(DailyChart.niceCeiling(7)).isEqualTo(10);
        assertThat(DailyChart.niceCeiling(11)).isEqualTo(20);
        assertThat(DailyChart.niceCeiling(35)).isEqualTo(50);
        assertThat(DailyChart.niceCeiling(41)).isEqualTo(50);
        assertThat(DailyChart.niceCeiling(51)).isEqualTo(100);
        assertThat(DailyChart.niceCeiling(12_345)).isEqualTo(20_000);
    }

    @Test
    void anEmptyMonthDrawsNoBarsAboveTheBaseline() {
        List<DashboardQueries.DayRows> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            days.add(new DashboardQueries.DayRows(LocalDate.of(2026, 11, 1).plusDays(i), 0, 0));
        }
        DailyChart chart = DailyChart.of(days);
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.acceptedHeight() + b.rejectedHeight()).isZero());
        assertThat(chart.max()).isEqualTo(5);
    }
}
