package io.dtf.stats.flaky;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flaky tests: both outcomes on the same code and hardware, so neither a code change nor a
 * hardware difference explains the failures. A task that ended FLAKY is evidence by itself: its
 * failed attempt may have run on another hardware class, or not be on record at all. An
 * infrastructure failure (the node left, crashed, ran out of memory) is the node's, not the test's,
 * and is left out: a test whose node was killed under it is not flaky.
 */
public final class FlakyTests {
    private static final Comparator<List<String>> BY_PARTS = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private FlakyTests() {
    }

    /**
     * Every (test, commit, hardware) with a pass and a test failure, or with a task that ended FLAKY,
     * ordered by test, commit, hardware.
     */
    public static List<FlakyTest> find(List<Outcome> outcomes) {
        Map<List<String>, int[]> counts = new TreeMap<>(BY_PARTS);
        for (Outcome o : outcomes) {
            if (o.infrastructureFailure()) {
                continue;
            }
            List<String> key = List.of(String.valueOf(o.test()), String.valueOf(o.commit()), String.valueOf(o.hardware()));
            counts.computeIfAbsent(key, k -> new int[3])[o.testFailure() ? 2 : o.endedFlaky() ? 1 : 0]++;
        }
        List<FlakyTest> flaky = new ArrayList<>();
        counts.forEach((key, c) -> {
            if (c[1] > 0 || c[0] > 0 && c[2] > 0) {
                flaky.add(new FlakyTest(key.get(0), key.get(1), key.get(2), c[0], c[1], c[2]));
            }
        });
        return flaky;
    }
}
