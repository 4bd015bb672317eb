package io.dtf.simulation;

import io.dtf.coordinator.DurationEstimates;
import io.dtf.model.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates as a perfectly informed history would give them: a task's reference duration over
 * its worker class's speed (the noise of single attempts is not known in advance).
 */
final class KnownDurations implements DurationEstimates {
    private final Map<String, Long> referenceMillis;
    private final Map<String, Double> speeds = new HashMap<>();

    KnownDurations(Map<String, Long> referenceMillis, List<WorkerClass> classes) {
        this.referenceMillis = referenceMillis;
        classes.forEach(c -> speeds.put(c.hwClass(), c.speed()));
    }

    @Override
    public long expectedMillis(String suite, TaskSpec spec, String hwClass) {
        long reference = referenceMillis.getOrDefault(spec.id(), 1L);
        Double speed = hwClass == null ? null : speeds.get(hwClass);
        return Math.max(1, Math.round(speed == null ? reference : reference / speed));
    }
}
