package io.dtf.simulation;

import io.dtf.coordinator.Topology;
import io.dtf.coordinator.WorkerNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated grid's workers, as the coordinator's {@link Topology}. {@link #liveWorkers()}
 * returns the same list object until the grid changes, as the real topology does: the
 * coordinator and scheduler cache what they derive from it per list.
 */
final class SimulatedGrid implements Topology {
    /** Live workers, including dead ones the grid has not noticed yet, in join order. */
    private final Map<String, SimulatedWorker> workers = new LinkedHashMap<>();
    private final Map<String, Integer> joined = new HashMap<>();
    private List<WorkerNode> live = List.of();
    private Runnable onChange = () -> { };

    SimulatedGrid(List<WorkerClass> classes) {
        for (WorkerClass c : classes) {
            for (int i = 0; i < c.count(); i++) {
                add(c);
            }
        }
        rebuild();
    }

    /** Who is told when the grid changes: the coordinator's {@code topologyChanged}. */
    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    @Override
    public List<WorkerNode> liveWorkers() {
        return live;
    }

    /** A live (or dead, not yet noticed) worker; null once it has left. */
    SimulatedWorker worker(String nodeId) {
        return workers.get(nodeId);
    }

    List<SimulatedWorker> all() {
        return List.copyOf(workers.values());
    }

    int size() {
        return workers.size();
    }

    SimulatedWorker join(WorkerClass type) {
        SimulatedWorker w = add(type);
        changed();
        return w;
    }

    void remove(SimulatedWorker w) {
        workers.remove(w.id());
        changed();
    }

    private SimulatedWorker add(WorkerClass type) {
        int n = joined.merge(type.hwClass(), 1, Integer::sum);
        SimulatedWorker w = new SimulatedWorker(type.hwClass() + "-" + n, type);
        workers.put(w.id(), w);
        return w;
    }

    private void changed() {
        rebuild();
        onChange.run();
    }

    private void rebuild() {
        List<WorkerNode> nodes = new ArrayList<>(workers.size());
        workers.values().forEach(w -> nodes.add(w.node));
        live = List.copyOf(nodes);
    }
}
