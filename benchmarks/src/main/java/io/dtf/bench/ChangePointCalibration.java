package io.dtf.bench;

import io.dtf.stats.changepoint.ChangePointDetector;
import io.dtf.stats.changepoint.ChangePointOptions;
import io.dtf.stats.outlier.RobustOutliers;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the change-point thresholds were chosen: the share of unchanged series (normal run levels,
 * optionally with 5% of runs +15% outliers, cleaned by the outlier scan first as the analyser
 * does) that get any change point in one scan, for each strong threshold and series length. The
 * default is the largest threshold whose worst rate stays at or below half the 1% target.
 *
 * <p>Run: {@code java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" io.dtf.bench.ChangePointCalibration [series]}
 */
public final class ChangePointCalibration {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double[] strong = {1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5};
        int[] lengths = {40, 60, 100, 200};
        System.out.printf(Locale.ROOT, "%-9s %-9s", "strong p", "outliers");
        for (int length : lengths) {
            System.out.printf(Locale.ROOT, " %8s", "n=" + length);
        }
        System.out.println("   (% of unchanged series with any change point per scan)");
        for (double p : strong) {
            ChangePointOptions options = new ChangePointOptions(50, 3, Math.min(1e-2, p * 10), p);
            for (double outliers : new double[] {0, 0.05}) {
                System.out.printf(Locale.ROOT, "%-9.0e %-9s", p, outliers > 0 ? "5%" : "none");
                for (int length : lengths) {
                    System.out.printf(Locale.ROOT, " %7.2f%%", 100.0 * falseRate(options, length, outliers, count));
                }
                System.out.println();
            }
        }
    }

    static double falseRate(ChangePointOptions options, int length, double outlierShare, int count) {
        SplittableRandom random = new SplittableRandom(1234 + length);
        int flagged = 0;
        // The level of a run is the median of 5 samples at CV 2%: about 1.2% noise, normal.
        for (int s = 0; s < count; s++) {
            double[] levels = new double[length];
            for (int i = 0; i < length; i++) {
                levels[i] = 1000 * (1 + 0.012 * SyntheticSeries.gaussian(random))
                        * (random.nextDouble() < outlierShare ? 1.15 : 1.0);
            }
            double[] cleaned = RobustOutliers.scan(levels, 5, 3).cleaned();
            flagged += ChangePointDetector.detect(cleaned, options).isEmpty() ? 0 : 1;
        }
        return (double) flagged / count;
    }
}
