package io.dtf.suite;

import io.dtf.model.RetryPolicy;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.List;

/**
 * The values a task entry takes when it does not set them: the suite's {@code defaults:} section,
 * which starts from {@link #BUILT_IN}.
 *
 * @param requires prepended to every entry's own requirements, and to every fallback
 * @param retry    the policy for infrastructure failures; an entry's {@code retry:} block overrides it key by key
 * @param fallback the fallback lines of entries that write none, as written (without {@code requires})
 */
record EntryDefaults(Duration timeout, int retries, int priority, int repeat, List<Requirement> requires,
                     RetryPolicy retry, List<Requirement> fallback) {
    static final EntryDefaults BUILT_IN = new EntryDefaults(Duration.ofMinutes(10), 0, 0, 1, List.of(),
            RetryPolicy.DEFAULT, List.of());

    EntryDefaults {
        requires = List.copyOf(requires);
        fallback = List.copyOf(fallback);
    }
}
