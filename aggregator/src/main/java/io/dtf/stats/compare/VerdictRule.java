package io.dtf.stats.compare;

import io.dtf.stats.Direction;
import io.dtf.stats.Verdict;

/**
 * The three-way gate in the manner of Pinpoint: a change is reported only when it is both
 * statistically significant (after the false-discovery adjustment) and practically large (its
 * estimate beyond the minimum effect, its interval clear of zero); the answer is SAME only when the
 * whole interval sits inside the minimum-effect band; anything in between is UNKNOWN: run more.
 */
public final class VerdictRule {
    private VerdictRule() {
    }

    public static Verdict decide(Direction direction, Effect effect, double qValue, double fdr, double minEffectPercent,
                                 boolean enoughSamples) {
        if (!enoughSamples || Double.isNaN(effect.percent())) {
            return Verdict.UNKNOWN;
        }
        if (qValue <= fdr && Math.abs(effect.percent()) >= minEffectPercent && effect.excludesZero()) {
            boolean higher = effect.percent() > 0;
            return higher == (direction == Direction.HIGHER_IS_BETTER) ? Verdict.IMPROVEMENT : Verdict.REGRESSION;
        }
        if (effect.within(minEffectPercent)) {
            return Verdict.SAME;
        }
        return Verdict.UNKNOWN;
    }
}
