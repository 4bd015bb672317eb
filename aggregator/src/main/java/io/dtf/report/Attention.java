package io.dtf.report;

import io.dtf.stats.ChangePoint;
import io.dtf.stats.Direction;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses sorted by what a person should look at first: regressions of the latest run, then
 * change points among the last {@link #RECENT_RUNS} runs, then significant drift the wrong way, then
 * the rest. Each series appears in one group only, the first that holds it.
 */
public record Attention(List<SeriesAnalysis> regressions, List<SeriesAnalysis> recentChanges,
                        List<SeriesAnalysis> drifts, List<SeriesAnalysis> rest) {
    /** A change point this close to the end of its series counts as recent. */
    public static final int RECENT_RUNS = 3;

    public static Attention of(List<SeriesAnalysis> analyses) {
        List<SeriesAnalysis> regressions = new ArrayList<>();
        List<SeriesAnalysis> recent = new ArrayList<>();
        List<SeriesAnalysis> drifts = new ArrayList<>();
        List<SeriesAnalysis> rest = new ArrayList<>();
        for (SeriesAnalysis a : analyses) {
            if (a.latest() != null && a.latest().verdict() == Verdict.REGRESSION) {
                regressions.add(a);
            } else if (recentChangePoint(a) != null) {
                recent.add(a);
            } else if (driftsTheWrongWay(a)) {
                drifts.add(a);
            } else {
                rest.add(a);
            }
        }
        return new Attention(regressions, recent, drifts, rest);
    }

    /** Whether anything needs a look. */
    public boolean any() {
        return !regressions.isEmpty() || !recentChanges.isEmpty() || !drifts.isEmpty();
    }

    /** Every flagged analysis, in the order of the groups. */
    public List<SeriesAnalysis> flagged() {
        List<SeriesAnalysis> all = new ArrayList<>(regressions);
        all.addAll(recentChanges);
        all.addAll(drifts);
        return all;
    }

    /** The last change point among the series' last {@link #RECENT_RUNS} runs, or null. */
    public static ChangePoint recentChangePoint(SeriesAnalysis a) {
        ChangePoint last = null;
        for (ChangePoint cp : a.changePoints()) {
            if (cp.index() >= a.runs() - RECENT_RUNS) {
                last = cp;
            }
        }
        return last;
    }

    static boolean driftsTheWrongWay(SeriesAnalysis a) {
        return a.trend() != null && a.trend().significant()
                && (a.direction() == Direction.HIGHER_IS_BETTER ? a.trend().slope() < 0 : a.trend().slope() > 0);
    }
}
