package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.worker.BrokenCheckpoints;
import io.dtf.worker.MemoryCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCheckpointsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    // The way the docs tell commands to write: a whole new file, renamed over the old one.
    private static final String SAVE = "save() { printf '%s' \"$1\" > \"$DTF_CHECKPOINT_FILE.tmp\" && "
            + "mv \"$DTF_CHECKPOINT_FILE.tmp\" \"$DTF_CHECKPOINT_FILE\"; }; ";

    private final CommandRunner runner = new CommandRunner();

    @Test
    void aFreshAttemptHasAnEmptyCheckpointFileAndIsNotResumed() {
        AttemptOutcome outcome = sh("test -e \"$DTF_CHECKPOINT_FILE\" && echo exists; echo \"[${DTF_RESUMED}]\"",
                new MemoryCheckpoints());

        assertEquals("[]\n", outcome.stdoutTail());
    }

    @Test
    void aResumedAttemptFindsTheEarlierStateInItsFile() {
        AttemptOutcome outcome = sh("echo \"$DTF_RESUMED:$(cat \"$DTF_CHECKPOINT_FILE\")\"",
                new MemoryCheckpoints("step 41"));

        assertEquals("1:step 41\n", outcome.stdoutTail());
    }

    @Test
    void aTasksOwnEnvironmentCannotFakeAResume() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("sh", "-c", "echo \"[$DTF_RESUMED]\""),
                Map.of("DTF_RESUMED", "1"), null), "t", Map.of(), TIMEOUT, new MemoryCheckpoints());

        assertEquals("[]\n", outcome.stdoutTail());
    }

    @Test
    void theLastVersionOfTheFileIsSavedWhenTheCommandEnds() {
        MemoryCheckpoints store = new MemoryCheckpoints();

        AttemptOutcome outcome = sh(SAVE + "save one; save two; save three", store);

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals("three", store.saves().get(store.saves().size() - 1));
    }

    @Test
    void aNewVersionIsSavedWhileTheCommandStillRuns(@TempDir Path dir) throws Exception {
        MemoryCheckpoints store = new MemoryCheckpoints();
        Path go = dir.resolve("go");
        // Saves, then waits (bounded) until the test saw the save and lets it finish.
        CompletableFuture<AttemptOutcome> running = CompletableFuture.supplyAsync(() -> sh(SAVE
                + "save half-way; i=0; while [ ! -e '" + go + "' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done;"
                + " save done", store));

        awaitSaves(store, 1);
        assertEquals(List.of("half-way"), store.saves());
        Files.createFile(go);

        assertEquals(TaskState.PASSED, running.get().status());
        assertEquals(List.of("half-way", "done"), store.saves());
    }

    @Test
    void aFileOverTheLimitIsNotSavedAndTheCommandIsToldWhy() {
        MemoryCheckpoints store = new MemoryCheckpoints();

        AttemptOutcome outcome = sh("head -c 2000000 /dev/zero > \"$DTF_CHECKPOINT_FILE\"; echo bye >&2", store);

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals(List.of(), store.saves());
        assertEquals("bye\n[dtf worker] checkpoint not saved: DTF_CHECKPOINT_FILE holds 2000000 bytes, more than the "
                + CheckpointFile.MAX_BYTES + " allowed\n", outcome.stderrTail());
    }

    @Test
    void aCheckpointThatCannotBeLoadedIsAnInfrastructureErrorAndTheCommandNeverStarts(@TempDir Path dir) {
        Path ran = dir.resolve("ran");

        AttemptOutcome outcome = sh("touch '" + ran + "'", BrokenCheckpoints.unreadable());

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.INFRASTRUCTURE, outcome.category());
        assertTrue(outcome.error().contains("could not be loaded: Cache is not configured"), outcome.error());
        assertFalse(Files.exists(ran), "the command started as if nothing had been saved");
    }

    @Test
    void aSaveThatFailsWhileTheCommandRunsStopsItAsAnInfrastructureError() {
        BrokenCheckpoints store = BrokenCheckpoints.failingAfter(0);

        // Without the stop it would run for 20 s, to its timeout.
        AttemptOutcome outcome = sh(SAVE + "save first; i=0; while [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done;"
                + " echo finished", store);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.INFRASTRUCTURE, outcome.category());
        assertTrue(outcome.error().startsWith("stopped the command: a checkpoint could not be saved"),
                outcome.error());
        assertEquals("", outcome.stdoutTail(), "it did not run on");
    }

    @Test
    void aCommandThatPassedKeepsItsPassWhenItsLastCheckpointIsNotSaved() {
        AttemptOutcome outcome = sh(SAVE + "save last", BrokenCheckpoints.failingAfter(0));

        assertEquals(TaskState.PASSED, outcome.status());
        assertTrue(outcome.stderrTail().contains("[dtf worker] the checkpoint's last version was not saved"),
                outcome.stderrTail());
    }

    @Test
    void aPipeInPlaceOfTheFileIsNeverReadSoTheWorkerCannotHangOnIt() {
        MemoryCheckpoints store = new MemoryCheckpoints();

        AttemptOutcome outcome = sh("mkfifo \"$DTF_CHECKPOINT_FILE\" && echo made", store);

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals("made\n", outcome.stdoutTail());
        assertEquals(List.of(), store.saves());
        assertTrue(outcome.stderrTail().contains("is not a regular file"), outcome.stderrTail());
    }

    @Test
    void theAttemptsDirectoryIsGoneAfterwards() {
        AttemptOutcome outcome = sh(SAVE + "save x; echo \"$DTF_CHECKPOINT_FILE\"", new MemoryCheckpoints());

        Path file = Path.of(outcome.stdoutTail().strip());
        assertFalse(Files.exists(file.getParent()), file.getParent() + " is still there");
    }

    @Test
    void withoutAStoreTheFileIsStillThereToWriteAndNothingIsKept() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("sh", "-c", SAVE + "save x && echo wrote"),
                Map.of(), null), "t", Map.of(), TIMEOUT);

        assertEquals("wrote\n", outcome.stdoutTail());
    }

    @Test
    void theResumableLoopOfTheDocsCarriesOnWhereTheLastAttemptStopped() {
        MemoryCheckpoints store = new MemoryCheckpoints("500\n");
        String docsExample = """
                do_step() { :; }
                start=0
                if [ "$DTF_RESUMED" = 1 ]; then start=$(cat "$DTF_CHECKPOINT_FILE"); fi
                i=$start
                while [ "$i" -lt 1000 ]; do
                  do_step "$i"
                  i=$((i + 1))
                  if [ $((i % 50)) -eq 0 ]; then
                    echo "$i" > "$DTF_CHECKPOINT_FILE.tmp" && mv "$DTF_CHECKPOINT_FILE.tmp" "$DTF_CHECKPOINT_FILE"
                  fi
                done
                echo "DTF_METRIC resumed_from=$start"
                """;

        AttemptOutcome outcome = sh(docsExample, store);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.stderrTail());
        assertEquals(List.of(500.0), outcome.metrics().get(0).samples());
        assertEquals("1000\n", store.saves().get(store.saves().size() - 1));
    }

    private AttemptOutcome sh(String script, CheckpointStore store) {
        return runner.run(new CommandAction(List.of("sh", "-c", script), Map.of(), null), "t", Map.of(), TIMEOUT,
                store);
    }

    private static void awaitSaves(MemoryCheckpoints store, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.saves().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint saved while the command ran");
            }
            Thread.sleep(20);
        }
    }
}
