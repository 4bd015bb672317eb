package io.dtf.stats.flaky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlakyTestsTest {
    @Test
    void fisherExactMatchesScipy() {
        // scipy.stats.fisher_exact
        assertEquals(0.034965034965034975, FisherExact.twoSided(8, 2, 1, 5), 1e-12);
        assertEquals(0.48571428571428565, FisherExact.twoSided(3, 1, 1, 3), 1e-12);
        assertEquals(1.082508822446903e-05, FisherExact.twoSided(10, 0, 0, 10), 1e-15);
        assertEquals(1.0, FisherExact.twoSided(2, 2, 2, 2), 1e-12);
    }

    @Test
    void errorMessagesThatDifferOnlyInVolatilePartsShareASignature() {
        String a = FailureSignatures.normalise("Timeout after 3012 ms writing /tmp/run-1/out.bin (id 0x7ffe12ab)");
        String b = FailureSignatures.normalise("Timeout after 2998 ms writing /var/tmp/x/y.bin (id 0x1a2b)\n\tat Foo");
        assertEquals(a, b);
        assertEquals("Timeout after <n> ms writing <path> (id <hex>)", a);
        assertEquals("task <uuid> lost", FailureSignatures.normalise("task 123e4567-e89b-12d3-a456-426614174000 lost"));
        assertEquals("<none>", FailureSignatures.normalise(null));
    }

    @Test
    void aTestWithBothOutcomesOnTheSameCommitAndHardwareIsFlaky() {
        List<Outcome> outcomes = List.of(outcome("a", "c1", "x86", true, 8), outcome("a", "c1", "x86", false, 8),
                outcome("a", "c2", "x86", false, 8), outcome("b", "c1", "x86", true, 8),
                outcome("b", "c1", "arm", false, 8));
        List<FlakyTest> flaky = FlakyTests.find(outcomes);
        assertEquals(1, flaky.size());
        assertEquals(new FlakyTest("a", "c1", "x86", 1, 0, 1), flaky.get(0));
    }

    @Test
    void failuresOnlyOnTwoCoreNodesAreFoundByTheFisherTest() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(outcome("net", "c" + i, "small", i % 3 == 0, 2));
            outcomes.add(outcome("net", "c" + i, "big", true, 16));
        }
        List<AttributeCorrelation> found = HardwareCorrelation.correlate(outcomes);
        AttributeCorrelation top = found.get(0);
        assertTrue(top.attribute().equals("cores") && top.value().equals("2")
                || top.attribute().equals("hardware") && top.value().equals("small"), top.toString());
        assertEquals(8, top.failedWith());
        assertEquals(0, top.failedWithout());
        // scipy.stats.fisher_exact([[8, 4], [0, 12]]).pvalue
        assertEquals(0.0013460761879122362, top.pValue(), 1e-12);
        assertTrue(top.qValue() < 0.01, top.toString());
        assertEquals(List.of(new FailureSignature("boom <n>", FailureCategory.TEST_FAILURE, 8, List.of("net"))),
                FailureSignatures.group(outcomes));
    }

    @Test
    void aTaskThatEndedFlakyIsFlakyEvidenceByItself() {
        // The failed attempt ran on arm, the pass that ended the task FLAKY on x86: no (commit, hardware)
        // holds both outcomes, yet the task itself says the test is flaky.
        List<Outcome> outcomes = List.of(attempt("a", "x86", "n1", TaskState.PASSED, null),
                attempt("a", "arm", "n2", TaskState.FAILED, FailureCategory.TEST_FAILURE),
                attempt("a", "x86", "n1", TaskState.FLAKY, null));

        assertEquals(List.of(new FlakyTest("a", "c1", "x86", 1, 1, 0)), FlakyTests.find(outcomes));
        assertEquals(0.0, FlakyTests.find(outcomes).get(0).failureRate());
    }

    @Test
    void aFlakyPassCountsAsPassedButNotAsAPlainPassAndNeverAsAFailure() {
        List<Outcome> outcomes = List.of(attempt("a", "x86", "n1", TaskState.FAILED, FailureCategory.TEST_FAILURE),
                attempt("a", "x86", "n2", TaskState.ERROR, FailureCategory.NODE_LEFT),
                attempt("a", "x86", "n1", TaskState.FLAKY, null), attempt("a", "x86", "n1", TaskState.PASSED, null));

        FlakyTest found = FlakyTests.find(outcomes).get(0);
        assertEquals(1, found.passes());
        assertEquals(1, found.flakyPasses());
        assertEquals(1, found.failures());
        assertEquals(1.0 / 3, found.failureRate(), 1e-12, "the node that left is neither a pass nor a failure");
        assertTrue(outcomes.get(2).passed() && outcomes.get(2).endedFlaky() && !outcomes.get(2).testFailure());
    }

    @Test
    void nodesLeavingUnderATestNeitherMakeItFlakyNorCorrelateItsFailuresWithHardware() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Every small node is killed under the test; the retry passes on a big one.
            outcomes.add(new Outcome("net", "c" + i, "small", "s" + i, Map.of("cores", "2"), TaskState.ERROR,
                    FailureCategory.NODE_LEFT, "node s" + i + " left the grid"));
            outcomes.add(new Outcome("net", "c" + i, "small", "s" + i, Map.of("cores", "2"), TaskState.PASSED, null, null));
            outcomes.add(new Outcome("net", "c" + i, "big", "b" + i, Map.of("cores", "16"), TaskState.PASSED, null, null));
        }

        assertEquals(List.of(), FlakyTests.find(outcomes));
        assertEquals(List.of(), HardwareCorrelation.correlate(outcomes), "only passes are left: nothing to correlate");
        assertEquals(List.of(new FailureSignature("node s<n> left the grid", FailureCategory.NODE_LEFT, 12,
                List.of("net"))), FailureSignatures.group(outcomes), "the failures are still on record, as what they are");
    }

    @Test
    void infrastructureFailuresAreCountedPerHardwareClassAndPerNodeWorstFirst() {
        List<Outcome> outcomes = List.of(
                attempt("a", "arm", "n1", TaskState.ERROR, FailureCategory.NODE_LEFT),
                attempt("b", "arm", "n1", TaskState.ERROR, FailureCategory.PROCESS_CRASH),
                attempt("c", "arm", "n1", TaskState.PASSED, null),
                attempt("a", "arm", "n2", TaskState.ERROR, FailureCategory.NODE_LEFT),
                attempt("a", "x86", "n3", TaskState.FAILED, FailureCategory.TEST_FAILURE),
                attempt("a", "x86", "n3", TaskState.TIMED_OUT, FailureCategory.TIMEOUT),
                attempt("b", "x86", "n4", TaskState.ERROR, FailureCategory.RESOURCE_EXHAUSTED),
                attempt("b", "x86", null, TaskState.ERROR, FailureCategory.INFRASTRUCTURE));

        assertEquals(List.of(
                        new InfrastructureFailureCount("arm", null, 4, 3,
                                Map.of(FailureCategory.NODE_LEFT, 2, FailureCategory.PROCESS_CRASH, 1)),
                        new InfrastructureFailureCount("x86", null, 4, 2,
                                Map.of(FailureCategory.RESOURCE_EXHAUSTED, 1, FailureCategory.INFRASTRUCTURE, 1))),
                InfrastructureFailures.byHardware(outcomes), "test failures and timeouts are not the machine's");
        assertEquals(List.of(
                        new InfrastructureFailureCount("arm", "n1", 3, 2,
                                Map.of(FailureCategory.NODE_LEFT, 1, FailureCategory.PROCESS_CRASH, 1)),
                        new InfrastructureFailureCount("arm", "n2", 1, 1, Map.of(FailureCategory.NODE_LEFT, 1)),
                        new InfrastructureFailureCount("x86", "n4", 1, 1, Map.of(FailureCategory.RESOURCE_EXHAUSTED, 1))),
                InfrastructureFailures.byNode(outcomes), "n3 had no infrastructure failure; an unknown node is no row");
    }

    @Test
    void theSameMessageUnderTwoCategoriesIsTwoSignatures() {
        List<Outcome> outcomes = List.of(
                new Outcome("a", "c1", "x86", "n1", Map.of(), TaskState.FAILED, FailureCategory.TEST_FAILURE,
                        "connection reset"),
                new Outcome("b", "c1", "x86", "n1", Map.of(), TaskState.FAILED, FailureCategory.TEST_FAILURE,
                        "connection reset"),
                new Outcome("a", "c1", "x86", "n2", Map.of(), TaskState.ERROR, FailureCategory.NODE_LEFT,
                        "connection reset"));

        assertEquals(List.of(new FailureSignature("connection reset", FailureCategory.TEST_FAILURE, 2, List.of("a", "b")),
                        new FailureSignature("connection reset", FailureCategory.NODE_LEFT, 1, List.of("a"))),
                FailureSignatures.group(outcomes));
    }

    @Test
    void anAttemptWithoutARecordedCategoryTakesTheDefaultForItsStatus() {
        assertEquals(FailureCategory.TEST_FAILURE, attempt("a", "x", "n", TaskState.FAILED, null).category());
        assertEquals(FailureCategory.TIMEOUT, attempt("a", "x", "n", TaskState.TIMED_OUT, null).category());
        assertTrue(attempt("a", "x", "n", TaskState.ERROR, null).infrastructureFailure());
        assertEquals(FailureCategory.TEST_FAILURE, attempt("a", "x", "n", null, null).category(),
                "an attempt of unknown status did not pass, and nothing says it was the machine's fault");
        assertEquals(null, attempt("a", "x", "n", TaskState.FLAKY, FailureCategory.TEST_FAILURE).category(),
                "a pass has no failure category");
    }

    private static Outcome attempt(String test, String hardware, String node, TaskState status,
                                   FailureCategory category) {
        return new Outcome(test, "c1", hardware, node, Map.of(), status, category,
                status == null || status.isSuccess() ? null : "failed");
    }

    private static Outcome outcome(String test, String commit, String hardware, boolean passed, int cores) {
        return new Outcome(test, commit, hardware, null, Map.of("cores", String.valueOf(cores)),
                passed ? TaskState.PASSED : TaskState.FAILED, null, passed ? null : "boom " + commit.hashCode());
    }
}
