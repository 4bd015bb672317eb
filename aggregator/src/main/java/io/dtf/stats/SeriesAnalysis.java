package io.dtf.stats;

import java.util.List;

/** Everything the aggregator concludes about one series. {@code latest} is null with fewer than two runs. */
public record SeriesAnalysis(SeriesKey key, Direction direction, int runs, List<ChangePoint> changePoints,
                             List<Outlier> outliers, Trend trend, Forecast forecast, Latest latest) {
    public SeriesAnalysis {
        changePoints = List.copyOf(changePoints);
        outliers = List.copyOf(outliers);
    }

    /** Whether a person should look: a regression, a recent change point or significant drift the wrong way. */
    public boolean needsAttention() {
        boolean worseTrend = trend != null && trend.significant()
                && (direction == Direction.HIGHER_IS_BETTER ? trend.slope() < 0 : trend.slope() > 0);
        return latest != null && latest.verdict() == Verdict.REGRESSION || worseTrend;
    }
}
