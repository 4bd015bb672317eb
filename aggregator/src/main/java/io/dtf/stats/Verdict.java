package io.dtf.stats;

/** The comparison gate's answer for the latest run of a series against its baseline. */
public enum Verdict {
    /** Worse, significantly and by more than the minimum effect. */
    REGRESSION,
    /** Better, significantly and by more than the minimum effect. */
    IMPROVEMENT,
    /** No change beyond noise and the minimum effect. */
    SAME,
    /** Not enough evidence either way: run more. */
    UNKNOWN
}
