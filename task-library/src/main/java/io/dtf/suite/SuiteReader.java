package io.dtf.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a suite document's top level ({@code suite}, {@code defaults}, {@code tasks}) into valid entries. */
final class SuiteReader {
    private static final List<String> TOP = List.of("suite", "defaults", "tasks");
    private static final List<String> DEFAULTS = List.of("timeout", "retries", "priority", "repeat", "requires",
            RetryReader.FIELD, FallbackReader.FIELD);

    private SuiteReader() {
    }

    record Draft(String name, List<TaskEntry> entries) {
    }

    /** Every entry of the document, checked; throws with all the errors when there is any. */
    static Draft read(DocNode root, BenchmarkCheck benchmarks, SuiteArtifacts artifacts, SuiteErrors errors) {
        if (!(root instanceof DocNode.Mapping mapping)) {
            throw errors.fatal(null, "a suite is a mapping with 'suite' and 'tasks' at the top, not " + root.describe());
        }
        MappingReader top = new MappingReader(mapping, errors, null, 0, "");
        top.allowOnly(TOP, Map.of());
        String name = top.requiredName("suite", "quickstart");
        EntryDefaults defaults = defaults(top, errors);
        List<String> defaultConflicts = defaultConflicts(defaults, errors);

        List<TaskEntry> entries = new ArrayList<>();
        Optional<DocNode> tasks = top.get("tasks");
        if (tasks.isEmpty()) {
            top.error("tasks", "missing required field; list the tasks to run under 'tasks:'");
        } else if (!(tasks.get() instanceof DocNode.Sequence list) || list.items().isEmpty()) {
            top.error("tasks", "expected a non-empty list of task entries, found "
                    + (tasks.get() instanceof DocNode.Sequence ? "an empty list" : tasks.get().describe()));
        } else {
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                int position = i + 1;
                EntryReader.read(list.items().get(i), position, defaults, defaultConflicts, benchmarks, artifacts,
                                errors)
                        .ifPresent(entries::add);
                nameOf(list.items().get(i)).ifPresent(taskName -> {
                    Integer first = positions.putIfAbsent(taskName, position);
                    if (first != null) {
                        errors.add(taskName, position, "name", "duplicate task name; task #" + first
                                + " already uses '" + SuiteErrors.echo(taskName) + "'");
                    }
                });
            }
        }
        checkSize(entries, errors);
        errors.throwIfAny();
        return new Draft(name, entries);
    }

    /** The contradictions in the defaults' requires and fallback, reported once here rather than on every entry. */
    private static List<String> defaultConflicts(EntryDefaults defaults, SuiteErrors errors) {
        List<String> conflicts = new ArrayList<>(RequirementConflicts.find(defaults.requires()));
        conflicts.forEach(c -> errors.add("defaults.requires", c));
        List<String> inFallback = RequirementConflicts.find(FallbackReader.effective(defaults.requires(), defaults.fallback()))
                .stream().filter(c -> !conflicts.contains(c)).toList();
        inFallback.forEach(c -> errors.add("defaults." + FallbackReader.FIELD, c));
        conflicts.addAll(inFallback);
        return conflicts;
    }

    private static EntryDefaults defaults(MappingReader top, SuiteErrors errors) {
        EntryDefaults builtIn = EntryDefaults.BUILT_IN;
        Optional<DocNode> node = top.get("defaults");
        if (node.isEmpty()) {
            return builtIn;
        }
        if (!(node.get() instanceof DocNode.Mapping mapping)) {
            top.error("defaults", "expected a mapping such as defaults: {timeout: 10m, retries: 1}, found "
                    + node.get().describe());
            return builtIn;
        }
        MappingReader in = new MappingReader(mapping, errors, null, 0, "defaults.");
        in.allowOnly(DEFAULTS, RetryReader.MISPLACED);
        return new EntryDefaults(
                in.duration("timeout", builtIn.timeout()),
                in.integer("retries", builtIn.retries(), 0, SuiteLimits.MAX_RETRIES),
                in.integer("priority", builtIn.priority(), SuiteLimits.MIN_PRIORITY, SuiteLimits.MAX_PRIORITY),
                in.integer("repeat", builtIn.repeat(), 1, SuiteLimits.MAX_REPEAT),
                in.requirements("requires"),
                RetryReader.read(in, builtIn.retry()),
                in.requirements(FallbackReader.FIELD));
    }

    /** Refuses matrices that would expand past the limits, before any task is built. */
    private static void checkSize(List<TaskEntry> entries, SuiteErrors errors) {
        long total = 0;
        for (TaskEntry entry : entries) {
            long count = MatrixExpansion.count(entry);
            if (count > SuiteLimits.MAX_TASKS_PER_ENTRY) {
                errors.add(entry.name(), entry.position(), entry.params().isEmpty() ? "repeat" : "params",
                        "expands to " + number(count) + " tasks = " + shape(entry) + "; the limit is "
                                + number(SuiteLimits.MAX_TASKS_PER_ENTRY) + " per entry");
            }
            total = total + count < 0 ? Long.MAX_VALUE : total + count;
        }
        if (total > SuiteLimits.MAX_TASKS) {
            errors.add("tasks", "the suite expands to " + number(total) + " tasks; the limit is "
                    + number(SuiteLimits.MAX_TASKS));
        }
    }

    private static String shape(TaskEntry entry) {
        List<String> factors = new ArrayList<>();
        entry.params().forEach((key, values) -> {
            if (values.size() > 1) {
                factors.add(values.size() + " (" + key + ")");
            }
        });
        factors.add(entry.repeat() + " (repeat)");
        return String.join(" * ", factors);
    }

    private static String number(long n) {
        return n == Long.MAX_VALUE ? "more than " + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE)
                : String.format(Locale.ROOT, "%,d", n);
    }

    private static Optional<String> nameOf(DocNode entry) {
        return entry instanceof DocNode.Mapping m && m.fields().get("name") instanceof DocNode.Scalar s
                && s.kind() != DocNode.Kind.NULL ? Optional.of(s.text()) : Optional.empty();
    }
}
