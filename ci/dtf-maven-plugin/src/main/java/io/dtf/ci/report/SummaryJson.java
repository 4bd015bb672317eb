package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json}: the run's counts, its failures and flaky tests, for scripts and dashboards.
 * Instants are ISO-8601, durations milliseconds; non-ASCII is escaped (as in all DTF report JSON).
 */
final class SummaryJson {
    private static final int MESSAGE_BYTES = 2000;

    record Counts(int tests, int passed, int failed, int errors, int skipped, int flaky, long testTimeMillis) {
        static Counts of(Tally tally) {
            return new Counts(tally.tests(), tally.passed(), tally.failed(), tally.errors(), tally.skipped(),
                    tally.flaky(), tally.timeMillis());
        }
    }

    /** A failed or flaky test; for a flaky one, type and message are those of its first failed attempt. */
    record Test(String test, String className, String name, String displayName, TestStatus status, String type,
                String message, int attempts, String node, String hwClass) {
    }

    record Summary(int schemaVersion, String project, String runId, String grid, Instant startedAt,
                   long wallTimeMillis, boolean passed, Counts counts, Map<String, Counts> byHardwareClass,
                   List<Test> failures, List<Test> flaky) {
    }

    private SummaryJson() {
    }

    static String render(RunFacts facts, List<ReportedTest> tests) {
        Tally tally = Tally.of(tests);
        Map<String, List<ReportedTest>> byHw = new TreeMap<>();
        for (ReportedTest test : tests) {
            byHw.computeIfAbsent(test.hwClass(), h -> new ArrayList<>()).add(test);
        }
        Map<String, Counts> perHw = new TreeMap<>();
        byHw.forEach((hw, list) -> perHw.put(hw, Counts.of(Tally.of(list))));
        Summary summary = new Summary(1, facts.project(), facts.runId(), facts.grid(), facts.startedAt(),
                facts.wallTime().toMillis(), tally.broken() == 0, Counts.of(tally), perHw,
                tests.stream().filter(ReportedTest::failed).map(t -> entry(t, t.last())).toList(),
                tests.stream().filter(t -> t.verdict() == TestStatus.FLAKY).map(t -> entry(t, t.firstFailure())).toList());
        return Json.writeReport(summary) + "\n";
    }

    private static Test entry(ReportedTest test, TestCase attempt) {
        return new Test(plain(test.id()), plain(test.className()), plain(test.name()),
                plain(test.last().displayName()), test.verdict(), plain(attempt.failureType()),
                attempt.message() == null ? null : Escaper.PLAIN.head(attempt.message(), MESSAGE_BYTES),
                test.attempts().size(), plain(test.outcome().nodeId()), test.hwClass());
    }

    private static String plain(String s) {
        return s == null ? null : Escaper.PLAIN.escape(s);
    }
}
