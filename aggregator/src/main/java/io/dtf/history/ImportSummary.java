package io.dtf.history;

/** What one import stored: runs, result rows (one per run, benchmark, params and hardware) and samples. */
public record ImportSummary(int runs, int results, long samples) {
}
