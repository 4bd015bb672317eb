package io.dtf.stats;

/**
 * The latest run against its baseline (the comparable runs before it).
 *
 * @param changePercent effect size (median ratio or Hodges-Lehmann) in percent, sign as measured
 * @param pValue        the rank test's p-value, before multiple-comparison adjustment
 * @param qValue        Benjamini-Hochberg adjusted across all series analysed together
 */
public record Latest(String run, Verdict verdict, double changePercent, double ciLowPercent, double ciHighPercent,
                     double pValue, double qValue, int baselineRuns) {
}
