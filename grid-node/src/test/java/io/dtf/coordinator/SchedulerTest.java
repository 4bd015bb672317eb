package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final WorkerNode CPU = new WorkerNode("cpu", Map.of("dtf.os.family", "linux",
            "dtf.memory.bytes", 8L << 30, "dtf.tags", ""), 2);
    private static final WorkerNode GPU = new WorkerNode("gpu", Map.of("dtf.os.family", "linux",
            "dtf.memory.bytes", 64L << 30, "dtf.tags", "cuda,chrome"), 1);

    @Test
    void tasksLandOnlyOnNodesThatMeetTheirRequirements() {
        Scheduler s = new Scheduler();
        s.enqueue(Tasks.queued(1, Tasks.spec("needs-cuda", 0, "tag cuda")));
        s.enqueue(Tasks.queued(2, Tasks.spec("needs-memory", 0, "memory >= 16GiB")));
        s.enqueue(Tasks.queued(3, Tasks.spec("anywhere", 0, "os == linux")));

        List<Assignment> out = s.schedule(List.of(CPU, GPU), Set.of(), new HashMap<>(), NOW).assignments();

        Map<String, String> placed = new HashMap<>();
        out.forEach(a -> placed.put(a.task().spec().id(), a.nodeId()));
        assertEquals("gpu", placed.get("needs-cuda"));
        assertEquals("cpu", placed.get("anywhere"), "the GPU node's only slot went to the CUDA task");
        assertTrue(!placed.containsKey("needs-memory"), "the 64 GiB node is busy, the 8 GiB node does not qualify");
    }

    @Test
    void anUnmatchedTaskWaitsWithTheReasonAndRunsWhenAMatchingNodeAppears() {
        Scheduler s = new Scheduler();
        TaskRecord tpu = Tasks.queued(1, Tasks.spec("tpu-job", 0, "tag tpu"));
        s.enqueue(tpu);

        assertTrue(s.schedule(List.of(CPU, GPU), Set.of(), new HashMap<>(), NOW).assignments().isEmpty());
        String reason = s.waitingReason(tpu).orElseThrow();
        assertTrue(reason.contains("no live worker meets") && reason.contains("'tag tpu' unmet on 2"), reason);

        WorkerNode tpuNode = new WorkerNode("tpu", Map.of("dtf.tags", "tpu"), 1);
        List<Assignment> later = s.schedule(List.of(CPU, GPU, tpuNode), Set.of(), new HashMap<>(), NOW).assignments();
        assertEquals(1, later.size());
        assertEquals("tpu", later.get(0).nodeId());
        assertEquals(0, s.queued());
    }

    @Test
    void slotsBoundWhatANodeRunsAtOnce() {
        Scheduler s = new Scheduler();
        for (int i = 0; i < 5; i++) {
            s.enqueue(Tasks.queued(i, Tasks.spec("t" + i, 0)));
        }
        Map<String, Integer> busy = new HashMap<>(Map.of("cpu", 1));

        List<Assignment> out = s.schedule(List.of(CPU, GPU), Set.of(), busy, NOW).assignments();

        assertEquals(2, out.size(), "cpu has one free slot of two, gpu one of one");
        assertEquals(Map.of("cpu", 2, "gpu", 1), busy);
        assertTrue(s.waitingReason(Tasks.queued(9, Tasks.spec("x", 0))).orElseThrow().contains("busy"));
        assertEquals(3, s.queued());
    }

    @Test
    void higherPriorityGoesFirstThenSubmissionOrder() {
        Scheduler s = new Scheduler();
        s.enqueue(Tasks.queued(1, Tasks.spec("early-low", 0)));
        s.enqueue(Tasks.queued(2, Tasks.spec("late-high", 10)));
        s.enqueue(Tasks.queued(3, Tasks.spec("later-low", 0)));
        s.enqueue(Tasks.queued(4, Tasks.spec("other-group-mid", 5, "os == linux")));

        WorkerNode one = new WorkerNode("one", Map.of("dtf.os.family", "linux"), 1);
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s.schedule(List.of(one), Set.of(), new HashMap<>(), NOW).assignments().forEach(a -> order.add(a.task().spec().id()));
        }
        assertEquals(List.of("late-high", "other-group-mid", "early-low", "later-low"), order);
    }

    @Test
    void commandTasksGoOnlyToWorkersThatRunCommands() {
        Scheduler s = new Scheduler();
        io.dtf.model.TaskSpec base = Tasks.spec("cmd", 0);
        TaskRecord cmd = Tasks.queued(1, new io.dtf.model.TaskSpec("cmd", "cmd", Map.of(),
                new io.dtf.model.CommandAction(List.of("true"), Map.of(), null), List.of(), 0, base.timeout(), 0, 1));
        s.enqueue(cmd);
        WorkerNode refuses = new WorkerNode("refuses", Map.of("dtf.commands", "false"), 4);
        WorkerNode runs = new WorkerNode("runs", Map.of("dtf.commands", "true"), 1);

        assertTrue(s.schedule(List.of(refuses), Set.of(), new HashMap<>(), NOW).assignments().isEmpty());
        assertTrue(s.waitingReason(cmd).orElseThrow().contains("'runs command tasks' unmet on 1"));
        assertEquals("runs", s.schedule(List.of(refuses, runs), Set.of(), new HashMap<>(), NOW).assignments().get(0).nodeId());
    }

    @Test
    void anEmptyGridSaysSo() {
        Scheduler s = new Scheduler();
        TaskRecord t = Tasks.queued(1, Tasks.spec("t", 0));
        s.enqueue(t);
        s.schedule(List.of(), Set.of(), new HashMap<>(), NOW).assignments();
        assertEquals("no live worker in the grid", s.waitingReason(t).orElseThrow());
    }

    @Test
    void fallbackRequirementsAreUsedOnlyWhileNoWorkerMeetsThePrimarySet() {
        Scheduler s = new Scheduler();
        io.dtf.model.TaskSpec base = Tasks.spec("train", 0, "tag tpu");
        TaskRecord t = Tasks.queued(1, new io.dtf.model.TaskSpec("train", "train", Map.of(), base.action(),
                base.requirements(), 0, base.timeout(), 0, 1, null,
                List.of(io.dtf.requirements.Requirement.parse("memory >= 8GiB"))));
        WorkerNode tpu = new WorkerNode("tpu", Map.of("dtf.tags", "tpu"), 1);

        s.enqueue(t);
        List<Assignment> withTpu = s.schedule(List.of(CPU, tpu), Set.of(), new HashMap<>(), NOW).assignments();
        assertEquals("tpu", withTpu.get(0).nodeId());
        assertTrue(!withTpu.get(0).fallback());

        s.enqueue(t);
        List<Assignment> without = s.schedule(List.of(CPU, GPU), Set.of(), new HashMap<>(Map.of("gpu", 1)), NOW)
                .assignments();
        assertEquals("cpu", without.get(0).nodeId(), "no tpu alive: the fallback set, on the 8 GiB node");
        assertTrue(without.get(0).fallback());
    }

    @Test
    void aRetryWaitsOutItsBackoffAndAvoidsTheNodeItFailedOn() {
        Scheduler s = new Scheduler();
        WorkerNode other = new WorkerNode("other", Map.of("dtf.os.family", "linux"), 1);
        TaskRecord t = Tasks.queued(1, Tasks.spec("t", 0, "os == linux")).withRetry(new RetryState(0, 1,
                List.of("cpu"), List.of(), NOW.plusSeconds(2), NOW.plusSeconds(60)));
        s.enqueue(t);

        assertTrue(s.schedule(List.of(CPU, other), Set.of(), new HashMap<>(), NOW).assignments().isEmpty());
        assertTrue(s.waitingReason(t).orElseThrow().startsWith("backing off"), s.waitingReason(t).orElseThrow());

        List<Assignment> later = s.schedule(List.of(CPU, other), Set.of(), new HashMap<>(), NOW.plusSeconds(3))
                .assignments();
        assertEquals("other", later.get(0).nodeId());
    }

    @Test
    void aRetryWithNoMatchingNodeWaitsVisiblyThenGivesUpAtItsDeadline() {
        Scheduler s = new Scheduler();
        TaskRecord t = Tasks.queued(1, Tasks.spec("t", 0, "tag cuda")).withRetry(new RetryState(0, 1,
                List.of("gpu"), List.of(), NOW, NOW.plusSeconds(30)));
        s.enqueue(t);

        // The GPU node it failed on has left.
        Scheduler.Round waiting = s.schedule(List.of(CPU), Set.of(), new HashMap<>(), NOW.plusSeconds(1));
        assertTrue(waiting.assignments().isEmpty() && waiting.expired().isEmpty());
        String reason = s.waitingReason(t).orElseThrow();
        assertTrue(reason.contains("'tag cuda' unmet") && reason.contains("gives up at"), reason);

        Scheduler.Round late = s.schedule(List.of(CPU), Set.of(), new HashMap<>(), NOW.plusSeconds(31));
        assertEquals(List.of(t), late.expired());
        assertEquals(0, s.queued());
    }

    @Test
    void aRetryGoesBackToTheNodeItFailedOnOnlyWhenNoOtherMatches() {
        Scheduler s = new Scheduler();
        RetryState failedOnGpu = new RetryState(0, 1, List.of("gpu"), List.of(), NOW, NOW.plusSeconds(30));
        TaskRecord cuda = Tasks.queued(1, Tasks.spec("cuda", 0, "tag cuda")).withRetry(failedOnGpu);
        TaskRecord any = Tasks.queued(2, Tasks.spec("any", 0)).withRetry(failedOnGpu);
        s.enqueue(cuda);
        s.enqueue(any);

        Scheduler.Round round = s.schedule(List.of(CPU, GPU), Set.of(), new HashMap<>(), NOW.plusSeconds(1));

        Map<String, String> placed = new HashMap<>();
        round.assignments().forEach(a -> placed.put(a.task().spec().name(), a.nodeId()));
        assertEquals(Map.of("cuda", "gpu", "any", "cpu"), placed,
                "the GPU node is the only one cuda can run on; any has another");
    }

    @Test
    void quarantinedWorkersGetNothingAndTheReasonSaysSo() {
        Scheduler s = new Scheduler();
        TaskRecord t = Tasks.queued(1, Tasks.spec("needs-cuda", 0, "tag cuda"));
        s.enqueue(t);

        assertTrue(s.schedule(List.of(CPU, GPU), Set.of("gpu"), new HashMap<>(), NOW).assignments().isEmpty());
        assertTrue(s.waitingReason(t).orElseThrow().contains("1 matching worker(s) quarantined"),
                s.waitingReason(t).orElseThrow());
    }
}
