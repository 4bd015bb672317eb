package io.dtf.coordinator.placement;

import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of the grid as the scheduler indexes it: each live worker gets a number, and each
 * hardware class a number, so a round works on arrays instead of maps. The topology hands out the
 * same list object until the grid changes, so the index is rebuilt only then ({@link #covers}).
 */
public final class WorkerIndex {
    private final List<WorkerNode> workers;
    private final Map<String, Integer> byId;
    private final int[] classOf;
    private final List<String> classes = new ArrayList<>();

    private WorkerIndex(List<WorkerNode> workers) {
        this.workers = workers;
        this.byId = new HashMap<>(workers.size() * 2);
        this.classOf = new int[workers.size()];
        Map<String, Integer> classIds = new HashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            WorkerNode w = workers.get(i);
            byId.put(w.nodeId(), i);
            Object hw = w.attributes().get(HardwareKeys.HW_CLASS);
            String name = hw == null ? null : hw.toString();
            classOf[i] = classIds.computeIfAbsent(name, n -> {
                classes.add(n);
                return classes.size() - 1;
            });
        }
    }

    public static WorkerIndex of(List<WorkerNode> workers) {
        return new WorkerIndex(workers);
    }

    /** Whether this index was built from exactly this list object (the same grid version). */
    public boolean covers(List<WorkerNode> list) {
        return list == workers;
    }

    public int size() {
        return workers.size();
    }

    public WorkerNode worker(int i) {
        return workers.get(i);
    }

    /** The worker's number, or -1 when it is not in this version of the grid. */
    public int indexOf(String nodeId) {
        Integer i = byId.get(nodeId);
        return i == null ? -1 : i;
    }

    /** The number of the worker's hardware class. */
    public int classOf(int worker) {
        return classOf[worker];
    }

    /** The hardware class's name; null for workers that advertise none. */
    public String className(int hwClass) {
        return classes.get(hwClass);
    }

    public int classCount() {
        return classes.size();
    }
}
