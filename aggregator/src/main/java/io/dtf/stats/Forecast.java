package io.dtf.stats;

import java.util.List;

/** Where the series is heading: the next {@code values.size()} runs with a prediction interval. */
public record Forecast(String method, List<Double> values, List<Double> lower, List<Double> upper) {
    public Forecast {
        values = List.copyOf(values);
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
    }
}
