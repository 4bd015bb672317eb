package io.dtf.stats.flaky;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flaky tests: both outcomes on the same code and hardware, so neither a code change nor a
 * hardware difference explains the failures.
 */
public final class FlakyTests {
    private FlakyTests() {
    }

    /** Every (test, commit, hardware) with at least one pass and one failure, ordered by test, commit, hardware. */
    public static List<FlakyTest> find(List<Outcome> outcomes) {
        Map<List<String>, int[]> counts = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (Outcome o : outcomes) {
            List<String> key = List.of(String.valueOf(o.test()), String.valueOf(o.commit()), String.valueOf(o.hardware()));
            counts.computeIfAbsent(key, k -> new int[2])[o.passed() ? 0 : 1]++;
        }
        List<FlakyTest> flaky = new ArrayList<>();
        counts.forEach((key, c) -> {
            if (c[0] > 0 && c[1] > 0) {
                flaky.add(new FlakyTest(key.get(0), key.get(1), key.get(2), c[0], c[1]));
            }
        });
        return flaky;
    }
}
