package io.dtf.live;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.CoordinatorApi;
import io.dtf.model.RunView;
import io.dtf.model.TaskView;
import io.dtf.wire.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Live state as the coordinator service answers it: each call fetches a run's whole task list and
 * pages it here. Fine for small grids; the console prefers Ignite SQL over the caches when it can.
 */
public final class CoordinatorLiveState implements LiveState {
    private final Supplier<CoordinatorApi> coordinator;

    public CoordinatorLiveState(Supplier<CoordinatorApi> coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public Page<RunView> runs(RunQuery query) {
        List<RunView> all = Json.read(coordinator.get().runs(), new TypeReference<List<RunView>>() { });
        Predicate<RunView> match = r -> (query.suite() == null || contains(r.suite(), query.suite()))
                && (query.active() == null || query.active() == (r.endedAt() == null));
        return page(all.stream().filter(match).toList(), query.offset(), query.limit());
    }

    @Override
    public Optional<RunView> run(String runId) {
        String json = coordinator.get().run(runId);
        return json == null ? Optional.empty() : Optional.of(Json.read(json, RunView.class));
    }

    @Override
    public Page<TaskView> tasks(TaskQuery query) {
        List<TaskView> all = Json.read(coordinator.get().tasks(query.runId()), new TypeReference<List<TaskView>>() { });
        Predicate<TaskView> match = t -> (query.states().isEmpty() || query.states().contains(t.state()))
                && (query.name() == null || contains(t.taskId(), query.name()) || contains(t.name(), query.name()));
        return page(all.stream().filter(match).toList(), query.offset(), query.limit());
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static <T> Page<T> page(List<T> matching, int offset, int limit) {
        int from = Math.min(Math.max(offset, 0), matching.size());
        int to = Math.min(from + Math.max(limit, 0), matching.size());
        return new Page<>(matching.subList(from, to), matching.size(), from, limit);
    }
}
