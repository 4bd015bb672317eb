package io.dtf.simulation;

import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded workload shaped like a real test suite: most tasks take seconds, some a minute or two,
 * a few percent ten minutes or more (the tail that sets the makespan on a badly placed node). A
 * quarter carry requirements that only some worker classes meet: one group per tag that some classes
 * have and others lack, and one pinned to the slowest class (hardware-specific checks, never from
 * the long tail).
 */
public final class WorkloadGenerator {
    /** Beyond this a task is of the long tail. */
    private static final long LONG_MS = 300_000;

    private WorkloadGenerator() {
    }

    public static List<WorkloadTask> generate(int count, List<WorkerClass> workers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Requirement>> groups = constrainedGroups(workers);
        List<WorkloadTask> tasks = new ArrayList<>(count);
        int width = String.valueOf(count).length();
        for (int i = 0; i < count; i++) {
            long duration = duration(random);
            List<Requirement> requirements = List.of();
            if (!groups.isEmpty() && random.nextDouble() < 0.25) {
                int group = random.nextInt(groups.size());
                boolean pinnedToSlowest = workers.size() > 1 && group == groups.size() - 1;
                // Pinned to the slowest class: hardware checks, never the long tail.
                requirements = pinnedToSlowest && duration > LONG_MS ? List.of() : groups.get(group);
            }
            tasks.add(new WorkloadTask(String.format(Locale.ROOT, "t%0" + width + "d", i), requirements, duration, 0,
                    false));
        }
        return tasks;
    }

    /** Milliseconds from a mixture of log-normals: 80% short, 18% medium, 2% long. */
    private static long duration(SplittableRandom random) {
        double kind = random.nextDouble();
        double median = kind < 0.80 ? 5_000 : kind < 0.98 ? 60_000 : 600_000;
        double sigma = kind < 0.80 ? 0.8 : kind < 0.98 ? 0.7 : 0.4;
        double ms = median * Math.exp(sigma * random.nextGaussian());
        return Math.max(50, Math.min(6 * 3_600_000L, Math.round(ms)));
    }

    private static List<List<Requirement>> constrainedGroups(List<WorkerClass> workers) {
        TreeSet<String> all = new TreeSet<>();
        workers.forEach(w -> all.addAll(w.tags()));
        List<List<Requirement>> groups = new ArrayList<>();
        for (String tag : all) {
            if (!workers.stream().allMatch(w -> w.tags().contains(tag))) {
                groups.add(List.of(Requirement.parse("tag " + tag)));
            }
        }
        if (workers.size() > 1) {
            WorkerClass slowest = workers.stream().min((a, b) -> Double.compare(a.speed(), b.speed())).orElseThrow();
            groups.add(List.of(Requirement.parse("hw.class == " + slowest.hwClass())));
        }
        return groups;
    }
}
