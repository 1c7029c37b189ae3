package org.tracehub.hub.console;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the dashboard's chart — rows accepted (below) and rejected (stacked on top) per
 * day — so the template only draws rectangles and labels: an SVG the hub renders, no script library.
 */
public record DailyChart(int width, int height, int plotLeft, int plotTop, int plotWidth, int plotHeight, long max,
                         List<Bar> bars, List<Tick> ticks, long totalAccepted, long totalRejected) {

    static final int WIDTH = 900;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 36;
    static final int TICKS = 5;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

    /**
     * One day: its accepted and rejected rectangles (zero height when none) and, every few days, a label.
     */
    public record Bar(String day, String label, double x, double width, double acceptedY, double acceptedHeight,
                      double rejectedY, double rejectedHeight, long accepted, long rejected) {
    }

    /** A horizontal grid line with its value. */
    public record Tick(double y, long value) {
    }

    public static DailyChart of(List<DashboardQueries.DayRows> days) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        long peak = days.stream().mapToLong(d -> d.accepted() + d.rejected()).max().orElse(0);
        long max = niceCeiling(peak);
        double slot = days.isEmpty() ? plotWidth : (double) plotWidth / days.size();
        double barWidth = Math.max(1, slot * 0.7);
        int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 10.0));
        List<Bar> bars = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        for (int i = 0; i < days.size(); i++) {
            DashboardQueries.DayRows d = days.get(i);
            double aH = scale(d.accepted(), max, plotHeight);
            double rH = scale(d.rejected(), max, plotHeight);
            double baseY = TOP + plotHeight;
            boolean labelled = (days.size() - 1 - i) % labelEvery == 0;
            bars.add(new Bar(d.day().toString(), labelled ? d.day().format(LABEL) : null, round(LEFT + i * slot + (slot - barWidth) / 2),
                    round(barWidth), round(baseY - aH), round(aH), round(baseY - aH - rH), round(rH), d.accepted(), d.rejected()));
            accepted += d.accepted();
            rejected += d.rejected();
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= TICKS; t++) {
            long value = max * t / TICKS;
            ticks.add(new Tick(round(TOP + plotHeight - scale(value, max, plotHeight)), value));
        }
        return new DailyChart(WIDTH, HEIGHT, LEFT, TOP, plotWidth, plotHeight, max, bars, ticks, accepted, rejected);
    }

    /** 1, 2 or 5 times a power of ten, at least the peak and at least 5, so the five tick steps are whole numbers. */
    static long niceCeiling(long peak) {
        if (peak <= TICKS) {
            return TICKS;
        }
        long power = 1;
        while (power * 10 < peak) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * power >= peak) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double scale(long value, long max, int plotHeight) {
        return max == 0 ? 0 : (double) value * plotHeight / max;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
