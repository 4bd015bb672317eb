package io.dtf.ci.plan;

import java.time.Duration;
import java.util.List;

/**
 * Test classes packed into one task: they share their requirements, and together should take about
 * the plan's target duration.
 *
 * @param selectors    JUnit selectors of the task ({@code class:NAME} or {@code method:CLASS#METHOD}; a
 *                     rerun's {@code uid:UNIQUE-ID})
 * @param requirements what the machine must have
 * @param estimate     the expected duration, from history or the fallback
 */
public record TestBatch(List<String> selectors, List<String> requirements, Duration estimate) {
    public TestBatch {
        selectors = List.copyOf(selectors);
        requirements = List.copyOf(requirements);
    }
}
