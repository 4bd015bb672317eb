package io.dtf.stats.compare;

/** A relative change in percent ({@code +5} means 5% larger) with its bootstrap interval. */
public record Effect(double percent, double lowPercent, double highPercent) {
    /** Whether the whole interval lies strictly inside {@code (-band, +band)}. */
    public boolean within(double bandPercent) {
        return lowPercent > -bandPercent && highPercent < bandPercent;
    }

    public boolean excludesZero() {
        return lowPercent > 0 || highPercent < 0;
    }
}
