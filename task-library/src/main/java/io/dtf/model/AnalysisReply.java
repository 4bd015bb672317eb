package io.dtf.model;

/**
 * The answer to an {@link AnalysisRequest}.
 *
 * @param report      the rendered report, in the requested format
 * @param series      how many series were analysed (0 with a run that no series has)
 * @param regressions how many series' latest run regressed ({@code --fail-on-regression} fails on any)
 */
public record AnalysisReply(String report, int series, int regressions) {
}
