package io.dtf.suite;

import static io.dtf.suite.SuiteFixtures.errors;
import static io.dtf.suite.SuiteFixtures.find;
import static io.dtf.suite.SuiteFixtures.single;
import static io.dtf.suite.SuiteFixtures.task;
import static io.dtf.suite.SuiteFixtures.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.model.RetryPolicy;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryReaderTest {

    @Test
    void aSuiteWithoutRetryKeysGetsTheDefaultPolicyAndNoFallback() {
        List<TaskSpec> tasks = tasks("""
                suite: s
                defaults: {timeout: 5m, requires: [os == linux]}
                tasks:
                  - {name: a, type: command, command: [x], requires: [tag cuda], params: {n: [1, 2]}}
                  - {name: b, type: benchmark, benchmark: noop, retries: 2}
                """);

        tasks.forEach(t -> {
            assertEquals(RetryPolicy.DEFAULT, t.retry(), t.id());
            assertEquals(List.of(), t.fallback(), t.id());
        });
        assertEquals(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30)), RetryPolicy.DEFAULT);
    }

    @Test
    void anEntrysRetryBlockSetsEveryKey() {
        RetryPolicy retry = task("""
                suite: s
                tasks:
                  - name: a
                    type: command
                    command: [x]
                    retries: 2
                    retry:
                      infra: 5
                      backoff: 2s
                      maxBackoff: 1m
                """, "a").retry();

        assertEquals(new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(1)), retry);
    }

    @Test
    void missingKeysComeFromTheDefaultsBlockThenTheBuiltInPolicy() {
        String yaml = """
                suite: s
                defaults:
                  retry: {infra: 1, maxBackoff: 10s}
                tasks:
                  - {name: a, type: command, command: [x], retry: {backoff: 2s}}
                  - {name: b, type: command, command: [x]}
                  - {name: c, type: command, command: [x], retry: {infra: 0}}
                  - {name: d, type: command, command: [x], retry: {}}
                """;

        assertEquals(new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(10)), task(yaml, "a").retry());
        assertEquals(new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(10)), task(yaml, "b").retry());
        assertEquals(new RetryPolicy(0, Duration.ofMillis(500), Duration.ofSeconds(10)), task(yaml, "c").retry());
        assertEquals(task(yaml, "b").retry(), task(yaml, "d").retry());
        assertEquals(0, task(yaml, "a").retries(), "test retries are counted apart from infra retries");
    }

    @Test
    void wrongTypesAreReportedWithTheValueFound() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {retry: 3}
                tasks:
                  - {name: a, type: command, command: [x], retry: {infra: many, backoff: 30, maxBackoff: [1s]}}
                  - {name: b, type: command, command: [x], retry: [infra: 1]}
                """);

        assertEquals("expected a mapping such as retry: {infra: 3, backoff: 500ms, maxBackoff: 30s}, found 3",
                find(errors, null, "defaults.retry").message());
        assertEquals("'many' is not a whole number; write e.g. infra: 1", find(errors, "a", "retry.infra").message());
        assertEquals("30 has no unit; write e.g. 30s or 30m", find(errors, "a", "retry.backoff").message());
        assertEquals("a list is not a duration; write e.g. 500ms, 30s, 10m, 1h30m, 2h",
                find(errors, "a", "retry.maxBackoff").message());
        assertEquals("expected a mapping such as retry: {infra: 3, backoff: 500ms, maxBackoff: 30s}, found a list",
                find(errors, "b", "retry").message());
        assertEquals(5, errors.size(), errors::toString);
    }

    @Test
    void outOfRangeCountsAndZeroNegativeOrHugeDelaysAreRefused() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: a, type: command, command: [x], retry: {infra: -1, backoff: 0s, maxBackoff: PT-1S}}
                  - {name: b, type: command, command: [x], retry: {infra: 101, backoff: 0ms, maxBackoff: 2h}}
                """);

        assertEquals("-1 is out of range; infra must be between 0 and 100", find(errors, "a", "retry.infra").message());
        assertEquals("'0s' is out of range; backoff must be at least 1ms and at most 1h",
                find(errors, "a", "retry.backoff").message());
        assertEquals("'PT-1S' is out of range; maxBackoff must be at least 1ms and at most 1h",
                find(errors, "a", "retry.maxBackoff").message());
        assertEquals("101 is out of range; infra must be between 0 and 100", find(errors, "b", "retry.infra").message());
        assertEquals("'0ms' is out of range; backoff must be at least 1ms and at most 1h",
                find(errors, "b", "retry.backoff").message());
        assertEquals("'2h' is out of range; maxBackoff must be at least 1ms and at most 1h",
                find(errors, "b", "retry.maxBackoff").message());
        assertEquals(6, errors.size(), "no maxBackoff < backoff error on top of a bad value: " + errors);
    }

    @Test
    void aMaxBackoffBelowTheBackoffIsRefusedWhereverEitherWasWritten() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {retry: {maxBackoff: 100ms}}
                tasks:
                  - {name: both, type: command, command: [x], retry: {backoff: 10s, maxBackoff: 5s}}
                  - {name: base, type: command, command: [x], retry: {backoff: 1s, infra: 1}}
                  - {name: silent, type: command, command: [x]}
                """);

        assertEquals("maxBackoff 100ms is less than backoff 500ms (inherited); maxBackoff caps every delay, so it "
                + "must be at least backoff: write maxBackoff: 500ms or more, or a shorter backoff",
                find(errors, null, "defaults.retry.maxBackoff").message());
        assertEquals("maxBackoff 5s is less than backoff 10s; maxBackoff caps every delay, so it must be at least "
                + "backoff: write maxBackoff: 10s or more, or a shorter backoff",
                find(errors, "both", "retry.maxBackoff").message());
        assertEquals("maxBackoff 100ms (inherited) is less than backoff 1s; maxBackoff caps every delay, so it must be "
                + "at least backoff: write maxBackoff: 1s or more, or a shorter backoff",
                find(errors, "base", "retry.backoff").message());
        assertEquals(3, errors.size(), "reported where written, not again on every entry: " + errors);
    }

    @Test
    void aBackoffAboveTheBuiltInCapNeedsItsOwnMaxBackoff() {
        String yaml = "suite: s\ntasks: [{name: a, type: command, command: [x], retry: {backoff: 1m}}]\n";

        assertEquals("retry.backoff", single(errors(yaml)).field());
        assertEquals(new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                task(yaml.replace("backoff: 1m", "backoff: 1m, maxBackoff: 1m"), "a").retry());
    }

    @Test
    void unknownKeysInsideRetryAreNamedWithTheClosestValidOne() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {retry: {infar: 2}}
                tasks:
                  - {name: a, type: command, command: [x], retry: {max_backoff: 1s, jitter: full, x-note: kept}}
                """);

        assertEquals("unknown field (did you mean 'infra'?); valid fields here: infra, backoff, maxBackoff",
                find(errors, null, "defaults.retry.infar").message());
        assertEquals("unknown field (did you mean 'maxBackoff'?); valid fields here: infra, backoff, maxBackoff",
                find(errors, "a", "retry.max_backoff").message());
        assertEquals("unknown field; valid fields here: infra, backoff, maxBackoff",
                find(errors, "a", "retry.jitter").message());
        assertEquals(3, errors.size(), errors::toString);
    }

    @Test
    void retryKeysWrittenOneLevelTooHighSayWhereTheyBelong() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {infra: 2}
                tasks:
                  - {name: a, type: command, command: [x], backoff: 1s}
                """);

        assertEquals("'infra' belongs inside the retry block: write e.g. retry: {infra: 3, backoff: 500ms, "
                + "maxBackoff: 30s}", find(errors, null, "defaults.infra").message());
        assertEquals("a", find(errors, "a", "backoff").task());
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void anErrorNamesTheFileTheTaskAndTheNestedField() {
        SuiteError error = single(errors("""
                suite: s
                tasks:
                  - {name: ok, type: command, command: [x]}
                  - {name: flaky-net, type: command, command: [x], retry: {infra: lots}}
                """));

        assertEquals("suite.yaml: task 'flaky-net' (#2), field 'retry.infra': 'lots' is not a whole number; "
                + "write e.g. infra: 1", error.toString());
    }
}
