package io.dtf.ci.plan;

import io.dtf.model.TestDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Packs test classes into tasks ({@link TestBatch}es) by their past durations.
 *
 * <ul>
 *   <li>Classes with different requirements never share a task: each requirement set is packed on
 *       its own.</li>
 *   <li>Within a set, tasks are packed longest-processing-time first ({@link Lpt}). Their number is
 *       the total duration over the target duration, rounded up to a multiple of the worker slots
 *       (so every wave of tasks fills every slot and the last one is not half empty), and no more than
 *       the classes to pack.</li>
 *   <li>A class's duration is the median over hardware classes of its mean past duration
 *       ({@link PastDurations}). A class without history is estimated from its class file size, at the
 *       rate (milliseconds per byte) of all classes that have history. With no history at all, tasks
 *       are balanced by class file size instead, with at most {@code maxClassesWithoutHistory} classes
 *       each, and their estimates are zero (unknown).</li>
 *   <li>A test method with requirements of its own runs in a task of its requirement set, by a method
 *       selector. JUnit cannot leave one method out of a class selector, so the class's other test
 *       methods are then selected one by one, and its {@code @Nested} classes by class selectors; the
 *       class's duration is shared equally among those parts.</li>
 * </ul>
 *
 * <pre>{@code
 * TestPlan plan = new TestSplitter(Duration.ofMinutes(2), 8).plan(classes, client.testDurations(suite));
 * plan.batches().forEach(batch -> submit(batch.selectors(), batch.requirements()));
 * }</pre>
 */
public final class TestSplitter {
    /** Classes per task when nothing has history. */
    public static final int DEFAULT_MAX_CLASSES_WITHOUT_HISTORY = 10;

    private final Duration target;
    private final int slots;
    private final int maxClassesWithoutHistory;

    /**
     * @param targetDuration           how long one task should take, e.g. two minutes
     * @param slots                    worker slots to fill (tasks the grid can run at once)
     * @param maxClassesWithoutHistory classes per task when no class has history
     */
    public TestSplitter(Duration targetDuration, int slots, int maxClassesWithoutHistory) {
        if (targetDuration == null || targetDuration.isNegative() || targetDuration.isZero()) {
            throw new IllegalArgumentException("the target task duration must be positive, was " + targetDuration);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        if (maxClassesWithoutHistory < 1) {
            throw new IllegalArgumentException("classes per task without history must be at least 1, was "
                    + maxClassesWithoutHistory);
        }
        this.target = targetDuration;
        this.slots = slots;
        this.maxClassesWithoutHistory = maxClassesWithoutHistory;
    }

    /** A splitter with {@value #DEFAULT_MAX_CLASSES_WITHOUT_HISTORY} classes per task when nothing has history. */
    public TestSplitter(Duration targetDuration, int slots) {
        this(targetDuration, slots, DEFAULT_MAX_CLASSES_WITHOUT_HISTORY);
    }

    /** One part of a class that runs in one task: its selectors and how long they take (ms, or bytes). */
    private record Part(List<String> selectors, double weight) {
    }

    /**
     * Splits {@code classes} into tasks.
     *
     * @param history past durations per class and hardware class (the aggregator's answer); may be
     *                empty or null
     */
    public TestPlan plan(List<TestClass> classes, List<TestDuration> history) {
        PastDurations past = PastDurations.of(history);
        double knownMillis = 0;
        long knownBytes = 0;
        int withHistory = 0;
        for (TestClass c : classes) {
            OptionalDouble millis = past.millis(c.name());
            if (millis.isPresent()) {
                knownMillis += millis.getAsDouble();
                knownBytes += c.classFileBytes();
                withHistory++;
            }
        }
        boolean sizeOnly = withHistory == 0;
        // Milliseconds per byte of class file, from the classes with history.
        double rate = knownBytes > 0 ? knownMillis / knownBytes : 0;

        Map<List<String>, List<Lpt.Item<Part>>> groups = new LinkedHashMap<>();
        for (TestClass c : classes) {
            double weight = sizeOnly ? Math.max(1, c.classFileBytes())
                    : past.millis(c.name()).orElse(c.classFileBytes() * rate);
            parts(c, weight).forEach((requirements, part) -> groups.computeIfAbsent(requirements, r -> new ArrayList<>())
                    .add(new Lpt.Item<>(part, part.weight(), part.selectors().get(0))));
        }

        List<TestBatch> batches = new ArrayList<>();
        groups.forEach((requirements, items) -> {
            for (Lpt.Bin<Part> bin : Lpt.pack(items, bins(items, sizeOnly), sizeOnly ? maxClassesWithoutHistory : items.size())) {
                List<String> selectors = bin.items().stream().flatMap(p -> p.selectors().stream()).sorted().toList();
                Duration estimate = sizeOnly ? Duration.ZERO : Duration.ofMillis(Math.round(bin.load()));
                batches.add(new TestBatch(selectors, requirements, estimate));
            }
        });
        batches.sort(Comparator.comparing(TestBatch::estimate).reversed()
                .thenComparing(b -> -b.selectors().size()).thenComparing(b -> b.selectors().get(0)));
        return new TestPlan(batches, withHistory, sizeOnly ? 0 : classes.size() - withHistory, sizeOnly);
    }

    /** How many tasks a requirement set gets. */
    private int bins(List<Lpt.Item<Part>> items, boolean sizeOnly) {
        long wanted;
        if (sizeOnly) {
            wanted = Math.max(slots, ceilDiv(items.size(), maxClassesWithoutHistory));
        } else {
            double total = items.stream().mapToDouble(Lpt.Item::weight).sum();
            long byDuration = Math.max(1, (long) Math.ceil(total / target.toMillis()));
            wanted = ceilDiv(byDuration, slots) * slots;
        }
        return (int) Math.min(wanted, items.size());
    }

    /** A class's parts by requirement set: one part unless methods need more than the class. */
    private static Map<List<String>, Part> parts(TestClass c, double weight) {
        Map<List<String>, List<String>> selectors = new LinkedHashMap<>();
        List<String> classRequirements = canonical(c.requirements(), List.of());
        boolean split = !c.wholeClass() || c.testMethods().stream()
                .anyMatch(m -> !canonical(c.requirements(), c.methodRequirements().getOrDefault(m, List.of())).equals(classRequirements));
        if (!split) {
            return Map.of(classRequirements, new Part(List.of("class:" + c.name()), weight));
        }
        for (String method : c.testMethods()) {
            List<String> requirements = canonical(c.requirements(), c.methodRequirements().getOrDefault(method, List.of()));
            selectors.computeIfAbsent(requirements, r -> new ArrayList<>()).add("method:" + c.name() + "#" + method);
        }
        for (String nested : c.nestedClasses()) {
            selectors.computeIfAbsent(classRequirements, r -> new ArrayList<>()).add("class:" + nested);
        }
        int count = c.testMethods().size() + c.nestedClasses().size();
        Map<List<String>, Part> parts = new LinkedHashMap<>();
        selectors.forEach((requirements, list) -> parts.put(requirements, new Part(list, weight * list.size() / count)));
        return parts;
    }

    /** A requirement set in one order, so equal sets are one group. */
    static List<String> canonical(List<String> requirements, List<String> more) {
        TreeSet<String> set = new TreeSet<>(requirements);
        set.addAll(more);
        return List.copyOf(set);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
