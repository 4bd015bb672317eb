package io.dtf.console.machines;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.hardware.HardwareKeys;
import io.dtf.live.RunQuery;
import io.dtf.live.TaskQuery;
import io.dtf.model.Alert;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.node.Roles;
import io.dtf.wire.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid's machines as the console shows them: Ignite's topology (what each node advertises) merged
 * with the coordinator's view of its workers (load, failure streak, quarantine). Works without a
 * coordinator too, with what discovery alone knows.
 *
 * <pre>{@code
 * GridMachines machines = new GridMachines(grid);
 * WorkerList page = machines.workers(Caller.of(ctx), null, 0, 100);
 * }</pre>
 */
public final class GridMachines {
    /** The most nodes {@link #topology} lists; the group lists and the total still cover all of them. */
    public static final int MAX_TOPOLOGY = 1_000;
    /** The most alerts {@link #alerts} answers. */
    public static final int MAX_ALERTS = 200;
    /** How many of the grid's newest runs (and of its active ones) a worker's drill-down looks through. */
    static final int RECENT_RUNS = 20;
    private static final int TASKS_PER_RUN = 1_000;
    private static final int MAX_FAILURES = 20;
    private static final int MAX_RUNNING = 200;
    private static final int MAX_WORKER_ALERTS = 20;
    private static final Set<TaskState> FAILED = EnumSet.of(TaskState.FAILED, TaskState.ERROR, TaskState.TIMED_OUT);
    private static final Logger LOG = LoggerFactory.getLogger(GridMachines.class);

    private final ConsoleGrid grid;

    public GridMachines(ConsoleGrid grid) {
        this.grid = grid;
    }

    /** Where the coordinator and the aggregators run now. */
    public ServicePresence presence() {
        return ServicePresence.of(grid.ignite());
    }

    /**
     * Workers of hardware class {@code hwClass} (null for all), sorted by hardware class, host and id,
     * from {@code offset}, at most {@code limit}.
     */
    public WorkerList workers(Caller caller, String hwClass, int offset, int limit) {
        Workers all = all(caller);
        List<WorkerSummary> matching = all.workers().stream()
                .filter(w -> hwClass == null || hwClass.equals(w.hwClass())).toList();
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        return new WorkerList(matching.subList(from, to), matching.size(), from, limit, all.coordinatorUp(),
                matching.stream().mapToInt(WorkerSummary::slots).sum(),
                matching.stream().mapToInt(w -> w.busy() == null ? 0 : w.busy()).sum(),
                all.workers().stream().map(WorkerSummary::hwClass).filter(Objects::nonNull).distinct()
                        .sorted().toList());
    }

    /** One worker (a node with the worker role) with its tasks and recent failures; empty for any other id. */
    public Optional<WorkerDetail> worker(Caller caller, String id) {
        Optional<WorkerSummary> found = all(caller).workers().stream().filter(w -> w.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<WorkerTask> running = new ArrayList<>();
        List<WorkerTask> failures = new ArrayList<>();
        List<Alert> alerts = List.of();
        if (presence().coordinatorUp()) {
            for (RunView run : recentRuns()) {
                for (TaskView t : grid.live().tasks(new TaskQuery(run.runId(), union(FAILED, TaskState.RUNNING), null,
                        0, TASKS_PER_RUN)).items()) {
                    if (!id.equals(t.nodeId())) {
                        continue;
                    }
                    List<WorkerTask> into = t.state() == TaskState.RUNNING ? running : failures;
                    if (into.size() < (into == running ? MAX_RUNNING : MAX_FAILURES)) {
                        into.add(new WorkerTask(run.runId(), run.suite(), t.taskId(), t.name(), t.state(), t.attempts()));
                    }
                }
            }
            List<Alert> mine = alerts(caller).stream().filter(a -> id.equals(a.subject())).toList();
            alerts = mine.subList(Math.max(0, mine.size() - MAX_WORKER_ALERTS), mine.size());
        }
        return Optional.of(new WorkerDetail(found.get(), running, failures, alerts));
    }

    /** Every node with its roles, grouped as the topology page draws them. */
    public GridTopology topology(Caller caller) {
        ServicePresence presence = presence();
        Map<String, WorkerSummary> workers = all(caller).workers().stream()
                .collect(Collectors.toMap(WorkerSummary::id, Function.identity()));
        List<NodeFacts> nodes = nodes();
        String local = grid.ignite().cluster().localNode().id().toString();
        List<TopologyNode> drawn = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<String> consoles = new ArrayList<>();
        Map<String, List<String>> byClass = new TreeMap<>();
        for (NodeFacts n : nodes) {
            WorkerSummary w = workers.get(n.id());
            if (drawn.size() < MAX_TOPOLOGY) {
                drawn.add(new TopologyNode(n.id(), n.host(), n.roles(), n.hwClass(), n.client(),
                        n.id().equals(presence.coordinatorNode()), presence.aggregatorNodes().contains(n.id()),
                        n.id().equals(local), w == null ? null : w.state(), w == null ? null : w.busy(),
                        w == null ? null : w.slots()));
            }
            addIf(n.has(Roles.COORDINATOR), candidates, n.id());
            addIf(n.has(Roles.DATA), data, n.id());
            addIf(n.has(Roles.CONSOLE), consoles, n.id());
            if (n.has(Roles.WORKER)) {
                byClass.computeIfAbsent(n.hwClass() == null ? "unknown" : n.hwClass(), c -> new ArrayList<>()).add(n.id());
            }
        }
        return new GridTopology(drawn, presence.coordinatorNode(), candidates, data, presence.aggregatorNodes(),
                consoles, byClass, nodes.size(), nodes.size() > drawn.size());
    }

    /** The coordinator's alerts, oldest first, the newest {@code limit}; empty when no coordinator is up. */
    public List<Alert> alerts(Caller caller, int limit) {
        List<Alert> all = alerts(caller);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Whether {@code id} is a node of the grid with the worker role now. */
    public boolean isWorker(String id) {
        ClusterNode node = grid.ignite().cluster().node(UUID.fromString(id));
        return node != null && Roles.has(node.attribute(HardwareKeys.ROLES), Roles.WORKER);
    }

    /** Asks the coordinator, as {@code caller}, to end a worker's quarantine; answers its sentence. */
    public String release(Caller caller, String id) {
        return grid.coordinator(caller).release(id);
    }

    /** How many nodes the grid has, every role. */
    public int nodeCount() {
        return grid.ignite().cluster().nodes().size();
    }

    /** Every worker node, and whether the coordinator answered for them. */
    record Workers(List<WorkerSummary> workers, boolean coordinatorUp) {
    }

    Workers all(Caller caller) {
        Optional<Map<String, WorkerView>> views = coordinatorViews(caller);
        List<WorkerSummary> out = nodes().stream().filter(n -> n.has(Roles.WORKER))
                .map(n -> WorkerSummary.of(n, views.map(v -> v.get(n.id())).orElse(null), views.isPresent()))
                .sorted(Comparator.comparing((WorkerSummary w) -> String.valueOf(w.hwClass()))
                        .thenComparing(w -> String.valueOf(w.host())).thenComparing(WorkerSummary::id))
                .toList();
        return new Workers(out, views.isPresent());
    }

    private List<NodeFacts> nodes() {
        List<NodeFacts> out = new ArrayList<>();
        for (ClusterNode node : grid.ignite().cluster().nodes()) {
            out.add(NodeFacts.of(node));
        }
        out.sort(Comparator.comparingLong(NodeFacts::order));
        return out;
    }

    /** The coordinator's worker views by node id; empty when no coordinator is up or it did not answer. */
    private Optional<Map<String, WorkerView>> coordinatorViews(Caller caller) {
        if (!presence().coordinatorUp()) {
            return Optional.empty();
        }
        try {
            List<WorkerView> views = Json.read(grid.coordinator(caller).workers(), new TypeReference<List<WorkerView>>() { });
            Map<String, WorkerView> byId = new LinkedHashMap<>();
            views.forEach(v -> byId.put(v.nodeId(), v));
            return Optional.of(byId);
        } catch (RuntimeException e) {
            LOG.debug("the coordinator did not list its workers", e);
            return Optional.empty();
        }
    }

    private List<Alert> alerts(Caller caller) {
        if (!presence().coordinatorUp()) {
            return List.of();
        }
        try {
            return Json.read(grid.coordinator(caller).alerts(), new TypeReference<List<Alert>>() { });
        } catch (RuntimeException e) {
            LOG.debug("the coordinator did not list its alerts", e);
            return List.of();
        }
    }

    /** The grid's newest runs and its active ones (an active run can be older than the newest few). */
    private List<RunView> recentRuns() {
        Map<String, RunView> runs = new LinkedHashMap<>();
        grid.live().runs(new RunQuery(null, true, 0, RECENT_RUNS)).items().forEach(r -> runs.put(r.runId(), r));
        grid.live().runs(new RunQuery(null, null, 0, RECENT_RUNS)).items().forEach(r -> runs.putIfAbsent(r.runId(), r));
        return List.copyOf(runs.values());
    }

    private static Set<TaskState> union(Set<TaskState> states, TaskState more) {
        Set<TaskState> out = new LinkedHashSet<>(states);
        out.add(more);
        return out;
    }

    private static void addIf(boolean condition, List<String> list, String id) {
        if (condition) {
            list.add(id);
        }
    }
}
