package io.dtf.stats.trend;

import java.util.ArrayList;
import java.util.List;

import io.dtf.stats.Forecast;
import io.dtf.stats.descriptive.RunStats;

/**
 * Where a series is heading: an ordinary least-squares line through its current level (the
 * points since the last change point) extended {@code horizon} runs, with the textbook prediction
 * interval {@code yhat +- t * s * sqrt(1 + 1/n + (x0 - xbar)^2 / Sxx)}.
 */
public final class LinearForecast {
    public static final String METHOD = "linear-regression";

    private LinearForecast() {
    }

    /** The forecast, or null with fewer than three points. */
    public static Forecast forecast(double[] v, int horizon, double confidence) {
        int n = v.length;
        if (n < 3 || horizon < 1) {
            return null;
        }
        double xMean = (n - 1) / 2.0;
        double yMean = 0;
        for (double y : v) {
            yMean += y;
        }
        yMean /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - xMean) * (i - xMean);
            sxy += (i - xMean) * (v[i] - yMean);
        }
        double slope = sxy / sxx;
        double intercept = yMean - slope * xMean;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - (intercept + slope * i);
            residuals += r * r;
        }
        double s = Math.sqrt(residuals / (n - 2));
        double t = RunStats.studentQuantile(confidence, n - 2);
        List<Double> values = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (int h = 1; h <= horizon; h++) {
            double x = n - 1 + h;
            double y = intercept + slope * x;
            double half = t * s * Math.sqrt(1 + 1.0 / n + (x - xMean) * (x - xMean) / sxx);
            values.add(y);
            lower.add(y - half);
            upper.add(y + half);
        }
        return new Forecast(METHOD, values, lower, upper);
    }
}
