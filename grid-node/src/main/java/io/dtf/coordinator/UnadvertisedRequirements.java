package io.dtf.coordinator;

import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import io.dtf.requirements.TagRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warnings for a submitted suite: tasks that require an attribute (or a tag) no worker has ever
 * advertised to this coordinator. They are accepted and wait, as the design asks; the warning
 * tells the submitter at once, instead of a task that waits with no one knowing why (often a typo,
 * {@code gpu.vram} for {@code gpu.memory}).
 */
final class UnadvertisedRequirements {
    private UnadvertisedRequirements() {
    }

    /**
     * @param seen the attributes of every worker seen so far
     * @return one warning per task name and missing attribute, in suite order
     */
    static List<String> warnings(Suite suite, Collection<Map<String, Object>> seen) {
        if (seen.isEmpty()) {
            return List.of("no worker has joined the grid yet: every task waits until a matching one does");
        }
        Map<String, String> warnings = new LinkedHashMap<>();
        for (TaskSpec task : suite.tasks()) {
            Optional<Requirement> missing = missing(task.requirements(), seen);
            if (missing.isPresent() && (task.fallback().isEmpty() || missing(task.fallback(), seen).isPresent())) {
                String what = what(missing.get());
                warnings.putIfAbsent(task.name() + "\n" + what, "task " + task.name() + " requires " + what
                        + " but no node has ever advertised it: it will wait");
            }
        }
        return new ArrayList<>(warnings.values());
    }

    /** The first requirement whose attribute (or tag) no seen worker has. */
    private static Optional<Requirement> missing(List<Requirement> requirements, Collection<Map<String, Object>> seen) {
        return requirements.stream().filter(r -> seen.stream().noneMatch(attributes -> r instanceof TagRequirement
                ? r.test(attributes) : attributes.containsKey(r.key()))).findFirst();
    }

    private static String what(Requirement r) {
        return r instanceof TagRequirement t ? "tag " + t.tag() : r.key();
    }
}
