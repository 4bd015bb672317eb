package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Suite;
import io.dtf.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ended runs are forgotten after the run retention: out of the coordinator's memory and its store. */
class RunRetentionTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final Dispatcher dispatcher = CoordinatorTest.dispatcher((a, onDone) -> {
        Instant now = Instant.now();
        onDone.accept(CoordinatorTest.reply(a,
                new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "out", "", null)));
    });
    private Coordinator coordinator;
    private Thread loop;

    private void start(Duration runRetention) {
        List<WorkerNode> workers = List.of(new WorkerNode("w1", Map.of(), 4));
        coordinator = new Coordinator(store, dispatcher, () -> workers, reply -> { }, runRetention);
        loop = new Thread(coordinator::run, "test-coordinator");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        coordinator.stop();
        loop.join(5_000);
    }

    @Test
    void anEndedRunIsForgottenOnceTheRetentionHasPassedAndItsResultsStay() {
        start(Duration.ZERO);
        String runId = coordinator.submit(new Suite("s", List.of(Tasks.spec("a", 0), Tasks.spec("b", 0)))).runId();

        Tasks.await(() -> coordinator.run(runId).isEmpty());
        assertTrue(store.runs.isEmpty(), "run record removed");
        assertTrue(store.tasks.isEmpty(), "task states and specs removed");
        assertEquals(2, store.results.size(), "results are the result retention's to remove");
        assertTrue(coordinator.tasks(runId).isEmpty());
    }

    @Test
    void aRunStaysKnownWithinTheRetention() throws InterruptedException {
        start(Duration.ofHours(1));
        String runId = coordinator.submit(new Suite("s", List.of(Tasks.spec("a", 0)))).runId();

        Tasks.await(() -> coordinator.run(runId).map(r -> r.isDone()).orElse(false));
        Thread.sleep(1_500); // past one forgetting check
        assertTrue(coordinator.run(runId).isPresent());
        assertEquals(1, store.runs.size());
    }
}
