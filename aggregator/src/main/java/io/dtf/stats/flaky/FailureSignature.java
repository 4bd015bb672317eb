package io.dtf.stats.flaky;

import io.dtf.model.FailureCategory;
import java.util.List;

/**
 * Failures of one category whose normalised messages are the same, and the tests that produced
 * them. The category keeps "connection reset" from a test apart from the same words when its node
 * went away.
 */
public record FailureSignature(String signature, FailureCategory category, int count, List<String> tests) {
    public FailureSignature {
        tests = List.copyOf(tests);
    }
}
