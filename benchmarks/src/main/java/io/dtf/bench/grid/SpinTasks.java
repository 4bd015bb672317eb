package io.dtf.bench.grid;

import io.dtf.model.CommandAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * CPU-bound command tasks of known size: {@code sh} counting to a number in a loop of builtins, one
 * process that computes and does nothing else. A task's work is its count of iterations.
 */
final class SpinTasks {
    private static final String LOOP = "i=0; while [ $i -lt $1 ]; do i=$((i+1)); done";
    private static final String ITERATIONS = "iterations";

    private SpinTasks() {
    }

    /** A task of {@code iterations} iterations, placed only where {@code requires} holds. */
    static TaskSpec task(String id, long iterations, List<Requirement> requires) {
        return new TaskSpec(id, "spin", Map.of(ITERATIONS, String.valueOf(iterations)),
                new CommandAction(List.of("sh", "-c", LOOP, "spin", String.valueOf(iterations)), Map.of(), null),
                requires, 0, Duration.ofMinutes(10), 0, 1);
    }

    /** The iterations of a task, from its result's parameters. */
    static long iterations(Map<String, String> params) {
        return Long.parseLong(params.get(ITERATIONS));
    }

    /**
     * Many short tasks and a few long ones, the same for every call with the same arguments (same
     * task ids too, so that history of one run is history of the next); a unit is {@code unit}
     * iterations. The short and medium tasks come in a seeded order; the long ones last when
     * {@code longLast} (as suites often list their big integration tests), else shuffled among them.
     */
    static Suite skewed(String name, long seed, Mix mix, long unit, boolean longLast) {
        List<Integer> sizes = new ArrayList<>();
        mix.addShortAndMedium(sizes);
        if (!longLast) {
            mix.addLong(sizes);
        }
        Collections.shuffle(sizes, new Random(seed));
        if (longLast) {
            mix.addLong(sizes);
        }
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            tasks.add(task(String.format(Locale.ROOT, "t%03d", i + 1), sizes.get(i) * unit, List.of()));
        }
        return new Suite(name, tasks);
    }

    /** How many tasks of each size a skewed suite has. */
    record Mix(int longs, int longUnits, int mediums, int mediumUnits, int shorts, int shortUnits) {
        int totalUnits() {
            return longs * longUnits + mediums * mediumUnits + shorts * shortUnits;
        }

        int tasks() {
            return longs + mediums + shorts;
        }

        private void addLong(List<Integer> sizes) {
            sizes.addAll(Collections.nCopies(longs, longUnits));
        }

        private void addShortAndMedium(List<Integer> sizes) {
            sizes.addAll(Collections.nCopies(mediums, mediumUnits));
            sizes.addAll(Collections.nCopies(shorts, shortUnits));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d x %d units, %d x %d, %d x %d (%d units)", longs, longUnits,
                    mediums, mediumUnits, shorts, shortUnits, totalUnits());
        }
    }
}
