package io.dtf.bench;

import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Analyzer;
import io.dtf.stats.ChangePoint;
import io.dtf.stats.Outlier;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How well the statistics engine finds real changes and ignores noise, on seeded synthetic series
 * (runs of 5 normal samples at CV 2%, lower is better, see {@link SyntheticSeries}). Prints each
 * figure next to its target with PASS or FAIL; exits 1 if any fails.
 *
 * <p>Run (from the repository root, after packaging the benchmarks module):
 * {@code java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" io.dtf.bench.DetectionQualityBenchmark [series]}
 */
public final class DetectionQualityBenchmark {
    private static final double CV = 0.02;
    private static final int BASELINE = 30;
    private static final int CHECKS = 8;
    private static final long SEED = 20250101L;
    private static boolean allPassed = true;

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Analyzer analyzer = new Analyzer(AnalysisOptions.defaults());
        System.out.printf(Locale.ROOT, "Detection quality: %d series per scenario, runs of %d samples, CV %.0f%%, seed %d,"
                + " %d cores%n", count, SyntheticSeries.SAMPLES, CV * 100, SEED, Runtime.getRuntime().availableProcessors());
        stepDetection(analyzer, count, 0.0, "+5% step");
        stepDetection(analyzer, count, 0.05, "+5% step, 5% of runs +15% outliers");
        together(analyzer, count);
        location(analyzer, count);
        spikesAndSteps(analyzer, count);
        drift(analyzer, count);
        determinism(count);
        scale(analyzer);
        System.out.println(allPassed ? "ALL PASS" : "SOME FAIL");
        System.exit(allPassed ? 0 : 1);
    }

    /** Each check analyses the series alone as it grows by one run; flagged = a REGRESSION or IMPROVEMENT verdict. */
    private static void stepDetection(Analyzer analyzer, int count, double outlierShare, String label) {
        SplittableRandom random = new SplittableRandom(SEED);
        int detected = 0;
        int falseChecks = 0;
        for (int s = 0; s < count; s++) {
            SplittableRandom r = random.split();
            boolean[] wild = new boolean[BASELINE + CHECKS];
            for (int i = 0; i < wild.length; i++) {
                wild[i] = r.nextDouble() < outlierShare;
            }
            Series stepped = SyntheticSeries.of("step-" + s, BASELINE + CHECKS, CV,
                    i -> (i >= BASELINE ? 1.05 : 1.0) * (wild[i] ? 1.15 : 1.0), r);
            Series flat = SyntheticSeries.of("flat-" + s, BASELINE + CHECKS, CV, i -> wild[i] ? 1.15 : 1.0, r);
            boolean found = false;
            for (int k = 1; k <= CHECKS; k++) {
                found |= flagged(analyzer.analyze(List.of(SyntheticSeries.prefix(stepped, BASELINE + k))).get(0));
                falseChecks += flagged(analyzer.analyze(List.of(SyntheticSeries.prefix(flat, BASELINE + k))).get(0)) ? 1 : 0;
            }
            detected += found ? 1 : 0;
        }
        report(label + ": detected within " + CHECKS + " runs", 100.0 * detected / count, ">=", 95);
        double falseRate = 100.0 * falseChecks / (count * CHECKS);
        if (outlierShare == 0) {
            report("no step: unchanged series flagged per check", falseRate, "<=", 1);
        } else {
            // The newest run being a +15% outlier is a real regression of that run: no target here.
            System.out.printf(Locale.ROOT, "info %-78s %8.2f  (%.0f%% of checks end on an outlier run)%n",
                    "no step, same outliers: unchanged series flagged per check", falseRate, outlierShare * 100);
        }
    }

    private static void together(Analyzer analyzer, int count) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<Series> all = new ArrayList<>();
        int stepped = 50;
        for (int s = 0; s < count; s++) {
            all.add(SyntheticSeries.of("flat-" + s, BASELINE + CHECKS, CV, i -> 1.0, random.split()));
        }
        for (int s = 0; s < stepped; s++) {
            int at = BASELINE + CHECKS - 1 - random.nextInt(CHECKS);
            all.add(SyntheticSeries.of("step-" + s, BASELINE + CHECKS, CV, i -> i >= at ? 1.05 : 1.0, random.split()));
        }
        List<SeriesAnalysis> results = analyzer.analyze(all);
        int falseFlags = 0;
        int trueFlags = 0;
        for (int i = 0; i < results.size(); i++) {
            if (flagged(results.get(i))) {
                if (i < count) {
                    falseFlags++;
                } else {
                    trueFlags++;
                }
            }
        }
        double fdr = falseFlags + trueFlags == 0 ? 0 : 100.0 * falseFlags / (falseFlags + trueFlags);
        String label = count + " unchanged + " + stepped + " stepped (1-8 runs ago) together";
        report(label + ": false discovery rate", fdr, "<=", 5);
        report(label + ": recall", 100.0 * trueFlags / stepped, ">=", 90);
    }

    private static void location(Analyzer analyzer, int count) {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<Series> stepped = new ArrayList<>();
        List<Series> flat = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            stepped.add(SyntheticSeries.of("step-" + s, 60, CV, i -> i >= BASELINE ? 1.05 : 1.0, random.split()));
            flat.add(SyntheticSeries.of("flat-" + s, 100, CV, i -> 1.0, random.split()));
        }
        int located = 0;
        for (SeriesAnalysis a : analyzer.analyze(stepped)) {
            located += a.changePoints().stream().anyMatch(c -> Math.abs(c.index() - BASELINE) <= 1) ? 1 : 0;
        }
        int falseScans = 0;
        for (SeriesAnalysis a : analyzer.analyze(flat)) {
            falseScans += a.changePoints().isEmpty() ? 0 : 1;
        }
        report("+5% step at run 30 of 60: change point within +-1 run", 100.0 * located / count, ">=", 90);
        report("unchanged 100-run series with any change point (per scan)", 100.0 * falseScans / count, "<=", 1);
    }

    private static void spikesAndSteps(Analyzer analyzer, int count) {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        List<Series> spiked = new ArrayList<>();
        List<Integer> spikeAt = new ArrayList<>();
        List<Series> shifted = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int at = 5 + random.nextInt(40);
            spikeAt.add(at);
            spiked.add(SyntheticSeries.of("spike-" + s, 50, CV, i -> i == at ? 1.2 : 1.0, random.split()));
            shifted.add(SyntheticSeries.of("three-" + s, 40, CV, i -> i >= 37 ? 1.2 : 1.0, random.split()));
        }
        List<SeriesAnalysis> spikeResults = analyzer.analyze(spiked);
        int asOutlier = 0;
        for (int s = 0; s < count; s++) {
            SeriesAnalysis a = spikeResults.get(s);
            String run = "run-" + spikeAt.get(s);
            boolean outlier = a.outliers().stream().map(Outlier::run).anyMatch(run::equals);
            asOutlier += outlier && a.changePoints().isEmpty() ? 1 : 0;
        }
        int asStep = 0;
        for (SeriesAnalysis a : analyzer.analyze(shifted)) {
            boolean step = a.changePoints().stream().map(ChangePoint::index).anyMatch(i -> i == 37);
            asStep += step && a.outliers().isEmpty() ? 1 : 0;
        }
        report("single +20% spike: outlier and no change point", 100.0 * asOutlier / count, ">=", 99);
        report("last 3 runs +20%: a step at the right run, no outliers", 100.0 * asStep / count, ">=", 95);
    }

    private static void drift(Analyzer analyzer, int count) {
        SplittableRandom random = new SplittableRandom(SEED + 4);
        List<Series> drifting = new ArrayList<>();
        List<Series> flat = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            drifting.add(SyntheticSeries.of("drift-" + s, 50, CV, i -> 1 + 0.002 * i, random.split()));
            flat.add(SyntheticSeries.of("flat-" + s, 50, CV, i -> 1.0, random.split()));
        }
        long flaggedDrift = analyzer.analyze(drifting).stream().filter(SeriesAnalysis::needsAttention).count();
        long flaggedFlat = analyzer.analyze(flat).stream().filter(a -> a.trend() != null && a.trend().significant())
                .count();
        report("drift +0.2%/run: flagged (needs attention) by run 50", 100.0 * flaggedDrift / count, ">=", 95);
        report("unchanged 50-run series with a significant trend", 100.0 * flaggedFlat / count, "<=", 1);
    }

    private static void determinism(int count) {
        SplittableRandom random = new SplittableRandom(SEED + 5);
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int at = random.nextInt(100);
            series.add(SyntheticSeries.of("mixed-" + s, 60, CV, i -> i >= at ? 1.05 : 1.0, random.split()));
        }
        List<SeriesAnalysis> first = new Analyzer(AnalysisOptions.defaults()).analyze(series);
        List<SeriesAnalysis> second = new Analyzer(AnalysisOptions.defaults()).analyze(series);
        report("identical output for identical input and seed", first.equals(second) ? 100 : 0, ">=", 100);
    }

    private static void scale(Analyzer analyzer) {
        SplittableRandom random = new SplittableRandom(SEED + 6);
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 10_000; s++) {
            int at = random.nextInt(200);
            series.add(SyntheticSeries.of("scale-" + s, 100, CV, i -> i >= at ? 1.05 : 1.0, random.split()));
        }
        analyzer.analyze(series.subList(0, 1000));
        long start = System.nanoTime();
        analyzer.analyze(series);
        double seconds = (System.nanoTime() - start) / 1e9;
        report("analyze 10,000 series x 100 runs x 5 samples (seconds)", seconds, "<=", 5);
    }

    private static boolean flagged(SeriesAnalysis analysis) {
        Verdict v = analysis.latest() == null ? null : analysis.latest().verdict();
        return v == Verdict.REGRESSION || v == Verdict.IMPROVEMENT;
    }

    private static void report(String figure, double value, String comparison, double target) {
        boolean pass = ">=".equals(comparison) ? value >= target : value <= target;
        allPassed &= pass;
        System.out.printf(Locale.ROOT, "%-4s %-78s %8.2f  (target %s %s)%n", pass ? "PASS" : "FAIL", figure, value,
                comparison, target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target));
    }
}
