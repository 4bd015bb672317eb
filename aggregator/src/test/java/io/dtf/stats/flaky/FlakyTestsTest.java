package io.dtf.stats.flaky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(new FlakyTest("a", "c1", "x86", 1, 1), flaky.get(0));
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
        assertEquals(List.of(new FailureSignature("boom <n>", 8, List.of("net"))), FailureSignatures.group(outcomes));
    }

    private static Outcome outcome(String test, String commit, String hardware, boolean passed, int cores) {
        return new Outcome(test, commit, hardware, Map.of("cores", String.valueOf(cores)), passed,
                passed ? null : "boom " + commit.hashCode());
    }
}
