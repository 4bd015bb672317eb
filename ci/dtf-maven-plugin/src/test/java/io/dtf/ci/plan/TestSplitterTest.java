package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TestDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestSplitterTest {
    private static TestClass plain(String name, long bytes) {
        return new TestClass(name, List.of(), List.of(), Map.of(), bytes);
    }

    private static TestClass needing(String name, String... requirements) {
        return new TestClass(name, List.of(), List.of(requirements), Map.of(), 1000);
    }

    private static TestDuration past(String name, String hw, double millis) {
        return new TestDuration(name, hw, millis, 5);
    }

    /** Classes t0..tn-1 with the given durations on one hardware class. */
    private static List<TestDuration> history(double[] millis) {
        List<TestDuration> history = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            history.add(past("t" + i, "hw-a", millis[i]));
        }
        return history;
    }

    private static List<TestClass> classes(int n) {
        List<TestClass> classes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes.add(plain("t" + i, 1000));
        }
        return classes;
    }

    /** Skewed durations: log-normal, a long tail of slow classes over many quick ones. */
    private static double[] skewed(long seed, int n) {
        Random random = new Random(seed);
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            millis[i] = Math.round(200 * Math.exp(0.8 * random.nextGaussian()));
        }
        return millis;
    }

    @Test
    void longestProcessingTimeEndsWithin15PercentOfTheIdealWhereTheoryGuaranteesIt() {
        int slots = 4;
        int guaranteed = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double[] millis = skewed(seed, 200);
            double total = Arrays.stream(millis).sum();
            double longest = Arrays.stream(millis).max().orElseThrow();
            // One wave: a target no task reaches gives one task per slot.
            TestPlan plan = new TestSplitter(Duration.ofHours(1), slots).plan(classes(200), history(millis));
            assertEquals(slots, plan.batches().size());
            double ideal = total / slots;
            double makespan = plan.makespan(slots).toMillis();
            // Graham: the task that ends last got its last class when it was the lightest, so it ends by
            // ideal + (1 - 1/m) * that class, at most the longest.
            assertTrue(makespan <= ideal + (1 - 1.0 / slots) * longest + 1, "seed " + seed + ": beyond LPT's bound");
            if ((1 - 1.0 / slots) * longest <= 0.15 * ideal) {
                guaranteed++;
                assertTrue(makespan <= 1.15 * ideal, "seed " + seed + ": " + makespan + " ms against ideal " + ideal);
            }
        }
        assertTrue(guaranteed >= 15, "the skewed suites should mostly be ones the bound covers, were " + guaranteed);
    }

    @Test
    void manyWavesOfTasksStillEndNearTheIdeal() {
        int slots = 4;
        double[] millis = skewed(7, 200);
        double total = Arrays.stream(millis).sum();
        double ideal = total / slots;
        // Tasks of about a tenth of a slot's share: a multiple of the slots, filled evenly.
        TestPlan plan = new TestSplitter(Duration.ofMillis(Math.round(ideal / 10)), slots).plan(classes(200), history(millis));
        assertEquals(0, plan.batches().size() % slots);
        assertTrue(plan.batches().size() >= 40, "tasks: " + plan.batches().size());
        long longestTask = plan.batches().stream().mapToLong(b -> b.estimate().toMillis()).max().orElseThrow();
        assertTrue((1 - 1.0 / slots) * longestTask <= 0.15 * ideal, "the bound covers this plan");
        assertTrue(plan.makespan(slots).toMillis() <= 1.15 * ideal, plan.makespan(slots) + " against " + ideal);
        assertEquals(Math.round(total), plan.totalEstimate().toMillis(), 200.0);
    }

    @Test
    void aClassLongerThanTheTargetGetsATaskOfItsOwn() {
        double[] millis = {60_000, 1000, 1000, 1000, 1000, 1000, 1000};
        TestPlan plan = new TestSplitter(Duration.ofSeconds(10), 2).plan(classes(7), history(millis));
        assertEquals(List.of("class:t0"), plan.batches().get(0).selectors(), "longest first");
        assertEquals(Duration.ofSeconds(60), plan.makespan(2));
    }

    @Test
    void atLeastOneTaskPerSlotWhenThereAreClassesEnough() {
        TestPlan plan = new TestSplitter(Duration.ofMinutes(10), 8).plan(classes(5), history(new double[] {10, 20, 30, 40, 50}));
        assertEquals(5, plan.batches().size());
        plan = new TestSplitter(Duration.ofMinutes(10), 3).plan(classes(30), history(skewed(3, 30)));
        assertEquals(3, plan.batches().size());
    }

    @Test
    void classesWithDifferentRequirementsNeverShareATask() {
        List<TestClass> classes = List.of(needing("a"), needing("b", "gpu.count >= 1"), needing("c", "gpu.count >= 1"),
                needing("d", "os == linux", "gpu.count >= 1"), needing("e", "gpu.count >= 1", "os == linux"), needing("f"));
        TestPlan plan = new TestSplitter(Duration.ofHours(1), 1).plan(classes, List.of());
        Set<List<String>> groups = new HashSet<>();
        for (TestBatch batch : plan.batches()) {
            assertTrue(groups.add(batch.requirements()), "one task per requirement set with one slot: " + plan);
        }
        assertEquals(Set.of(List.of(), List.of("gpu.count >= 1"), List.of("gpu.count >= 1", "os == linux")), groups);
    }

    @Test
    void aMethodNeedingMoreRunsApartAndItsClassmatesAreSelectedOneByOne() {
        TestClass gpu = new TestClass("a.KernelTest", List.of(), List.of("os == linux"),
                Map.of("big(int)", List.of("memory >= 64GiB")), 1000,
                List.of("small", "big(int)", "other"), List.of("a.KernelTest$Inner"), true);
        TestPlan plan = new TestSplitter(Duration.ofHours(1), 4).plan(List.of(gpu), List.of(past("a.KernelTest", "hw", 4000)));
        assertEquals(2, plan.batches().size());
        TestBatch rest = plan.batches().get(0);
        assertEquals(List.of("class:a.KernelTest$Inner", "method:a.KernelTest#other", "method:a.KernelTest#small"), rest.selectors());
        assertEquals(List.of("os == linux"), rest.requirements());
        assertEquals(Duration.ofMillis(3000), rest.estimate(), "three of four parts of the class");
        TestBatch big = plan.batches().get(1);
        assertEquals(List.of("method:a.KernelTest#big(int)"), big.selectors());
        assertEquals(List.of("memory >= 64GiB", "os == linux"), big.requirements());
    }

    @Test
    void aClassNarrowedToSomeMethodsRunsByMethodSelectors() {
        TestClass parser = new TestClass("a.ParserTest", List.of(), List.of(), Map.of(), 10, List.of("parses", "rejects"),
                List.of(), true).onlyMethods(List.of("parses"));
        TestPlan plan = new TestSplitter(Duration.ofHours(1), 2).plan(List.of(parser), List.of());
        assertEquals(List.of(new TestBatch(List.of("method:a.ParserTest#parses"), List.of(), Duration.ZERO)), plan.batches());
    }

    @Test
    void aClassRunOnSeveralHardwareClassesCountsTheMedianOfTheirMeans() {
        List<TestDuration> history = List.of(past("a", "slow", 9000), past("a", "mid", 2000), past("a", "fast", 1000),
                past("b", "x", 1000), past("b", "y", 3000), new TestDuration("b", "never", 99_999, 0));
        TestPlan plan = new TestSplitter(Duration.ofHours(1), 2).plan(List.of(plain("a", 1), plain("b", 1)), history);
        assertEquals(List.of(Duration.ofMillis(2000), Duration.ofMillis(2000)),
                plan.batches().stream().map(TestBatch::estimate).toList(), "median of three; mean of two; no runs ignored");
    }

    @Test
    void aClassWithoutHistoryIsEstimatedFromItsSizeAtTheRateOfTheOthers() {
        // 3000 ms for 3000 bytes: a 6000-byte class without history should take about 6000 ms.
        List<TestClass> classes = List.of(plain("known1", 1000), plain("known2", 2000), plain("new", 6000));
        TestPlan plan = new TestSplitter(Duration.ofHours(1), 2)
                .plan(classes, List.of(past("known1", "hw", 500), past("known2", "hw", 2500)));
        assertEquals(2, plan.classesWithHistory());
        assertEquals(1, plan.classesEstimated());
        assertEquals(new TestBatch(List.of("class:new"), List.of(), Duration.ofMillis(6000)), plan.batches().get(0));
    }

    @Test
    void withNoHistoryTasksAreBalancedByClassFileSizeWithACapOfClasses() {
        List<TestClass> classes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            classes.add(plain("c" + i, i == 0 ? 100_000 : 1000));
        }
        TestPlan plan = new TestSplitter(Duration.ofMinutes(2), 2, 4).plan(classes, List.of());
        assertTrue(plan.sizeOnly());
        assertEquals(7, plan.batches().size(), "25 classes at most 4 a task");
        assertTrue(plan.batches().stream().allMatch(b -> b.selectors().size() <= 4));
        assertTrue(plan.batches().stream().allMatch(b -> b.estimate().isZero()), "unknown durations");
        assertEquals(List.of("class:c0"), plan.batches().stream().filter(b -> b.selectors().contains("class:c0"))
                .findFirst().orElseThrow().selectors(), "the big class alone: the others balance around it");
    }

    @Test
    void makespanStartsTasksInPlanOrderOnTheFirstFreeSlot() {
        List<TestBatch> batches = new ArrayList<>();
        for (long seconds : new long[] {5, 4, 3, 3, 3}) {
            batches.add(new TestBatch(List.of("class:x" + seconds), List.of(), Duration.ofSeconds(seconds)));
        }
        TestPlan plan = new TestPlan(batches, 5, 0, false);
        // slot 1: 5, then 3 at 5 -> 8; slot 2: 4, then 3 at 4 -> 7, then 3 at 7 -> 10.
        assertEquals(Duration.ofSeconds(10), plan.makespan(2));
        assertEquals(Duration.ofSeconds(9), plan.idealMakespan(2));
        assertEquals(Duration.ofSeconds(18), plan.makespan(1));
        assertThrows(IllegalArgumentException.class, () -> plan.makespan(0));
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TestSplitter(Duration.ZERO, 4));
        assertEquals("the target task duration must be positive, was PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TestSplitter(Duration.ofMinutes(1), 0));
        assertEquals(List.of(), new TestSplitter(Duration.ofMinutes(1), 4).plan(List.of(), List.of()).batches());
    }
}
