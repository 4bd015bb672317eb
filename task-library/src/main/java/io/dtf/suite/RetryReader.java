package io.dtf.suite;

import io.dtf.model.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code retry:} block (in an entry or in {@code defaults:}): how failures of the machine,
 * not the test, are retried. Each key it does not set keeps the inherited value.
 */
final class RetryReader {
    static final String FIELD = "retry";
    private static final List<String> FIELDS = List.of("infra", "backoff", "maxBackoff");
    private static final String EXAMPLE = "retry: {infra: 3, backoff: 500ms, maxBackoff: 30s}";

    /** The block's keys written one level too high, with where they belong. */
    static final Map<String, String> MISPLACED = misplaced();

    private RetryReader() {
    }

    /** The policy {@code in}'s {@code retry:} block gives, starting from {@code inherited}; every problem reported. */
    static RetryPolicy read(MappingReader in, RetryPolicy inherited) {
        Optional<MappingReader> block = in.nested(FIELD, EXAMPLE);
        if (block.isEmpty()) {
            return inherited;
        }
        MappingReader retry = block.get();
        retry.allowOnly(FIELDS, Map.of());
        int infra = retry.integer("infra", inherited.infraRetries(), 0, SuiteLimits.MAX_INFRA_RETRIES);
        int before = retry.errorCount();
        Duration backoff = retry.duration("backoff", inherited.backoff(), SuiteLimits.MIN_BACKOFF, SuiteLimits.MAX_BACKOFF);
        Duration maxBackoff = retry.duration("maxBackoff", inherited.maxBackoff(), SuiteLimits.MIN_BACKOFF,
                SuiteLimits.MAX_BACKOFF);
        boolean wroteBackoff = retry.get("backoff").isPresent();
        boolean wroteMax = retry.get("maxBackoff").isPresent();
        // Compare only values that read well, and only when this block set one (else it was checked where set).
        if (retry.errorCount() == before && (wroteBackoff || wroteMax) && maxBackoff.compareTo(backoff) < 0) {
            retry.error(wroteMax ? "maxBackoff" : "backoff", "maxBackoff " + DurationText.format(maxBackoff)
                    + (wroteMax ? "" : " (inherited)") + " is less than backoff " + DurationText.format(backoff)
                    + (wroteBackoff ? "" : " (inherited)") + "; maxBackoff caps every delay, so it must be at least "
                    + "backoff: write maxBackoff: " + DurationText.format(backoff) + " or more, or a shorter backoff");
        }
        return new RetryPolicy(infra, backoff, maxBackoff);
    }

    private static Map<String, String> misplaced() {
        Map<String, String> misplaced = new LinkedHashMap<>();
        FIELDS.forEach(f -> misplaced.put(f, "'" + f + "' belongs inside the retry block: write e.g. " + EXAMPLE));
        return Map.copyOf(misplaced);
    }
}
