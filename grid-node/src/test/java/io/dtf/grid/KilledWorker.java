package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import java.time.Duration;
import java.util.List;

/**
 * A run's one task started on one of two matching workers, that worker killed with SIGKILL, and the
 * run followed to its end: it passed, with two attempts, the first on the killed worker recorded as
 * {@code NODE_LEFT}. What server and client workers share of failover; each test asserts the rest.
 *
 * @param victim    the worker killed
 * @param survivor  the other one
 * @param killed    the attempt on the killed worker
 * @param retried   the attempt after it
 */
record KilledWorker(NodeProcess victim, NodeProcess survivor, TaskResult killed, TaskResult retried) {

    static KilledWorker whileRunning(DtfClient client, String runId, NodeProcess first, NodeProcess second,
                                     Duration toStart, Duration toEnd) throws Exception {
        TestGrid.await("the task to start", toStart, () -> client.tasks(runId).get(0).state() == TaskState.RUNNING);
        TaskView running = client.tasks(runId).get(0);
        NodeProcess victim = running.nodeId().equals(first.nodeId()) ? first : second;
        NodeProcess survivor = victim == first ? second : first;
        victim.kill();

        RunView done = client.await(runId, toEnd, r -> { });

        assertTrue(done.passed(), done + " " + client.results(runId));
        List<TaskResult> attempts = client.results(runId);
        assertEquals(2, attempts.size(), attempts.toString());
        TaskResult killed = attempts.get(0);
        assertEquals(victim.nodeId(), killed.nodeId());
        assertEquals(FailureCategory.NODE_LEFT, killed.category(), killed.toString());
        return new KilledWorker(victim, survivor, killed, attempts.get(1));
    }
}
