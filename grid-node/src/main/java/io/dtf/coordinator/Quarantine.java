package io.dtf.coordinator;

import io.dtf.model.FailureCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps work away from a worker that keeps failing for reasons of its own: after
 * {@link CoordinatorSettings#quarantineAfter()} different tasks in a row fail on it for infrastructure reasons, it gets no
 * work for a cool-down. A pass on the node clears its streak; a release by an operator ends the
 * cool-down early. A node that left is not quarantined for it: it is gone, and comes back with a
 * new id. Not thread-safe: the coordinator's loop owns it.
 */
public final class Quarantine {
    /** The default cool-down ({@link CoordinatorSettings#quarantineFor()}). */
    public static final Duration COOL_DOWN = CoordinatorSettings.defaults().quarantineFor();

    /**
     * A quarantined node.
     *
     * @param tasks  the tasks whose failures sent it there
     */
    public record Entry(String nodeId, Instant until, List<String> tasks, String lastError) {
        public Entry {
            tasks = List.copyOf(tasks);
        }
    }

    private final Map<String, Set<String>> streaks = new HashMap<>();
    private final Map<String, Entry> quarantined = new HashMap<>();
    private final int threshold;
    private final Duration coolDown;

    /** With the default threshold and cool-down. */
    public Quarantine() {
        this(CoordinatorSettings.defaults());
    }

    public Quarantine(CoordinatorSettings settings) {
        this.threshold = settings.quarantineAfter();
        this.coolDown = settings.quarantineFor();
    }

    /** Restores entries read back from the store (a new coordinator instance). */
    public void restore(List<Entry> entries) {
        entries.forEach(e -> quarantined.put(e.nodeId(), e));
    }

    /**
     * Counts one attempt's outcome on {@code nodeId}; returns the new entry when this attempt put
     * the node into quarantine.
     */
    public Entry record(String nodeId, String taskKey, FailureCategory category, String error, Instant now) {
        if (nodeId == null) {
            return null;
        }
        if (category == null || !category.isInfrastructure()) {
            // A pass, or the task's own failure: the node did its job.
            streaks.remove(nodeId);
            return null;
        }
        if (category == FailureCategory.NODE_LEFT) {
            return null;
        }
        Set<String> streak = streaks.computeIfAbsent(nodeId, n -> new LinkedHashSet<>());
        streak.add(taskKey);
        if (streak.size() < threshold || isQuarantined(nodeId, now)) {
            return null;
        }
        Entry entry = new Entry(nodeId, now.plus(coolDown), new ArrayList<>(streak), error);
        quarantined.put(nodeId, entry);
        streaks.remove(nodeId);
        return entry;
    }

    public boolean isQuarantined(String nodeId, Instant now) {
        Entry e = quarantined.get(nodeId);
        return e != null && e.until().isAfter(now);
    }

    /** Ends a node's quarantine; false when it was not quarantined. */
    public boolean release(String nodeId, Instant now) {
        Entry e = quarantined.remove(nodeId);
        streaks.remove(nodeId);
        return e != null && e.until().isAfter(now);
    }

    /** The nodes in quarantine now; expired entries are dropped. */
    public List<Entry> active(Instant now) {
        quarantined.values().removeIf(e -> !e.until().isAfter(now));
        return List.copyOf(quarantined.values());
    }

    /** Failures in the node's current streak, for status views. */
    public int streak(String nodeId) {
        Set<String> s = streaks.get(nodeId);
        return s == null ? 0 : s.size();
    }
}
