package io.dtf.stats.flaky;

import java.util.List;

/** Failures whose normalised messages are the same, and the tests that produced them. */
public record FailureSignature(String signature, int count, List<String> tests) {
    public FailureSignature {
        tests = List.copyOf(tests);
    }
}
