package io.dtf.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskExecutorTest {

    @Test
    void aCommandTaskRunsAsAProcessWithItsParams() {
        AttemptOutcome outcome = new TaskExecutor(true).execute(spec(
                new CommandAction(List.of("sh", "-c", "echo \"DTF_METRIC size=$DTF_PARAM_SIZE B\""), Map.of(), null),
                Duration.ofSeconds(20)));

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(List.of(new Metric("size", "B", List.of(4096.0))), outcome.metrics());
    }

    @Test
    void aWorkerThatDidNotOptInRefusesCommandTasksWithoutRunningThem(@TempDir Path dir) {
        Path touched = dir.resolve("ran");

        AttemptOutcome outcome = new TaskExecutor(false).execute(spec(
                new CommandAction(List.of("touch", touched.toString()), Map.of(), null), Duration.ofSeconds(20)));

        assertEquals(TaskState.ERROR, outcome.status());
        // Another worker may run it: the machine's failure, not the task's.
        assertEquals(FailureCategory.INFRASTRUCTURE, outcome.category());
        assertEquals("this worker does not run command tasks (its operator did not start it with --allow-commands)", outcome.error());
        assertFalse(Files.exists(touched));
    }

    @Test
    void checkpointsReachTheCommandAndTheBenchmarkOfTheTask() {
        TaskExecutor executor = new TaskExecutor(true);
        MemoryCheckpoints commandStore = new MemoryCheckpoints("from attempt 1");
        MemoryCheckpoints benchmarkStore = new MemoryCheckpoints();

        AttemptOutcome command = executor.execute(spec(new CommandAction(List.of("sh", "-c",
                "cat \"$DTF_CHECKPOINT_FILE\"; echo 'from attempt 2' > \"$DTF_CHECKPOINT_FILE\""), Map.of(), null),
                Duration.ofSeconds(20)), commandStore);
        AttemptOutcome benchmark = executor.execute(spec(new BenchmarkAction("counted-work", 0, 1),
                Duration.ofSeconds(20), Map.of("iterations", "100", "checkpointEvery", "50")), benchmarkStore);

        assertEquals("from attempt 1", command.stdoutTail());
        assertEquals(List.of("from attempt 2\n"), commandStore.saves());
        assertEquals(TaskState.PASSED, benchmark.status(), benchmark.error());
        assertEquals(2, benchmarkStore.saves().size());
    }

    @Test
    void aBenchmarkTaskRunsInProcessEvenWithoutCommands() {
        AttemptOutcome outcome = new TaskExecutor(false).execute(spec(new BenchmarkAction("noop", 1, 5), null));

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(new Metric("operations", "ops", List.of(1.0, 1.0, 1.0, 1.0, 1.0)), outcome.metrics().get(0));
    }

    @Test
    void aBenchmarkPastItsTimeoutIsTimedOut() {
        long start = System.nanoTime();

        AttemptOutcome outcome = new TaskExecutor(false).execute(spec(
                new BenchmarkAction("matmul", 0, 1000), Duration.ofMillis(300), Map.of("n", "1024")));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
    }

    @Test
    void aCommandPastItsTimeoutIsTimedOut() {
        AttemptOutcome outcome = new TaskExecutor(true).execute(spec(
                new CommandAction(List.of("sleep", "1000"), Map.of(), null), Duration.ofMillis(200)));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
    }

    @Test
    void aTaskWithoutAnActionOrWithANonPositiveTimeoutIsAnError() {
        TaskExecutor executor = new TaskExecutor(true);

        AttemptOutcome none = executor.execute(spec(null, Duration.ofSeconds(1)));
        assertEquals(TaskState.ERROR, none.status());
        assertEquals(FailureCategory.BAD_DEFINITION, none.category());
        AttemptOutcome zero = executor.execute(spec(new BenchmarkAction("noop", 0, 1), Duration.ZERO));
        assertEquals(TaskState.ERROR, zero.status());
        assertEquals(FailureCategory.BAD_DEFINITION, zero.category());
        assertEquals("task t#1: timeout must be positive, got PT0S", zero.error());
    }

    private static TaskSpec spec(TaskAction action, Duration timeout) {
        return spec(action, timeout, Map.of("size", "4096"));
    }

    private static TaskSpec spec(TaskAction action, Duration timeout, Map<String, String> params) {
        return new TaskSpec("t#1", "t", params, action, List.of(), 0, timeout, 0, 1);
    }
}
