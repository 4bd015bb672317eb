package io.dtf.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.benchmark.BenchmarkParameterException;
import io.dtf.checkpoint.CheckpointException;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.worker.FailureClassifier.Failure;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

    @Test
    void exitCodeZeroIsNoFailureWhateverStderrSays() {
        assertEquals(Optional.empty(), FailureClassifier.ofExit(0, "java.lang.OutOfMemoryError: handled", true));
    }

    @Test
    void aPlainNonZeroExitIsATestFailureWithTheLastLineOfStderr() {
        Failure f = exit(3, "first problem\nit broke\n\n");

        assertEquals(FailureCategory.TEST_FAILURE, f.category());
        assertEquals(TaskState.FAILED, f.status());
        assertEquals("exit code 3: it broke", f.reason());
        assertEquals("exit code 7", exit(7, "").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
            "malloc: Cannot allocate memory",
            "terminate called after throwing an instance of 'std::bad_alloc'",
            "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
            "fatal error: runtime: out of memory",
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            "cp: error writing 'big.bin': No space left on device",
            "MemoryError"})
    void outOfMemoryOrDiskInStderrIsResourceExhaustedWhateverTheExitCode(String line) {
        Failure f = exit(1, "starting\n" + line + "\nexiting\n");

        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, f.category());
        assertEquals(TaskState.ERROR, f.status());
        assertEquals("exit code 1, out of memory or disk: " + line, f.reason());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, exit(139, line).category());
    }

    @Test
    void theWordsAloneInsideATestNameAreNotAnOutOfMemorySign() {
        assertEquals(FailureCategory.TEST_FAILURE,
                exit(1, "FAILED test_raises_MemoryError_on_huge_input\n").category());
    }

    @ParameterizedTest
    @CsvSource({"132, SIGILL", "134, SIGABRT", "135, SIGBUS", "136, SIGFPE", "137, SIGKILL", "139, SIGSEGV"})
    void deathBySignalIsAProcessCrash(int exitCode, String signal) {
        Failure f = exit(exitCode, "last words\n");

        assertEquals(FailureCategory.PROCESS_CRASH, f.category());
        assertEquals(TaskState.ERROR, f.status());
        assertEquals("killed by " + signal + " (exit code " + exitCode + "): last words", f.reason());
    }

    @Test
    void sigkillWhileTheKernelKilledForMemoryIsResourceExhausted() {
        Failure f = FailureClassifier.ofExit(137, "", true).orElseThrow();

        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, f.category());
        assertTrue(f.reason().startsWith("killed by SIGKILL (exit code 137) while the kernel's out-of-memory killer"),
                f.reason());
        // Only SIGKILL is the OOM killer's signal.
        assertEquals(FailureCategory.PROCESS_CRASH, FailureClassifier.ofExit(139, "", true).orElseThrow().category());
        assertEquals(FailureCategory.TEST_FAILURE, FailureClassifier.ofExit(1, "", true).orElseThrow().category());
    }

    @ParameterizedTest
    @ValueSource(ints = {130, 141, 143})
    void otherSignalsAreTheTestsOwnFailure(int exitCode) {
        // SIGINT, SIGPIPE, SIGTERM: a test runner's own way to stop, not a crash.
        assertEquals(FailureCategory.TEST_FAILURE, exit(exitCode, "").category());
    }

    @Test
    void aShellsNotFoundOrNotExecutableIsABadDefinition() {
        Failure notFound = exit(127, "sh: 1: mytool: not found\n");
        Failure notExecutable = exit(126, "sh: 1: ./run.sh: Permission denied\n");

        assertEquals(FailureCategory.BAD_DEFINITION, notFound.category());
        assertEquals(TaskState.ERROR, notFound.status());
        assertEquals("exit code 127 (a shell's 'command not found'): sh: 1: mytool: not found", notFound.reason());
        assertEquals(FailureCategory.BAD_DEFINITION, notExecutable.category());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "error=2, No such file or directory | BAD_DEFINITION",
            "error=13, Permission denied | BAD_DEFINITION",
            "error=8, Exec format error | BAD_DEFINITION",
            "error=12, Cannot allocate memory | RESOURCE_EXHAUSTED",
            "error=11, Resource temporarily unavailable | RESOURCE_EXHAUSTED",
            "error=24, Too many open files | RESOURCE_EXHAUSTED",
            "error=5, Input/output error | INFRASTRUCTURE",
            "something else went wrong | INFRASTRUCTURE"})
    void aProcessThatCannotStartIsClassifiedByItsErrno(String message, FailureCategory expected) {
        assertEquals(expected, FailureClassifier.ofStartFailure(message));
    }

    @Test
    void aBenchmarkOutOfMemoryIsResourceExhaustedEvenWhenWrapped() {
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED,
                FailureClassifier.ofBenchmarkFailure(new OutOfMemoryError("Java heap space")));
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, FailureClassifier.ofBenchmarkFailure(
                new ExecutionException(new IllegalStateException(new OutOfMemoryError("Direct buffer memory")))));
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, FailureClassifier.ofBenchmarkFailure(
                new RuntimeException("CUDA out of memory. Tried to allocate 20.00 MiB")));
    }

    @Test
    void aCheckpointTheGridCannotReadOrStoreIsInfrastructureEvenWhenWrapped() {
        CheckpointException unreadable = new CheckpointException("its checkpoint could not be loaded",
                new IllegalArgumentException("Cache is not configured: dtf-checkpoints"));
        assertEquals(FailureCategory.INFRASTRUCTURE, FailureClassifier.ofBenchmarkFailure(unreadable));
        assertEquals(FailureCategory.INFRASTRUCTURE,
                FailureClassifier.ofBenchmarkFailure(new IllegalStateException("setup failed", unreadable)));
    }

    @Test
    void aBenchmarkParamItCannotUseIsABadDefinition() {
        assertEquals(FailureCategory.BAD_DEFINITION,
                FailureClassifier.ofBenchmarkFailure(new BenchmarkParameterException("n", "param n must be ...")));
    }

    @Test
    void aBenchmarkAssertionOrFailedCheckIsATestFailure() {
        assertEquals(FailureCategory.TEST_FAILURE, FailureClassifier.ofBenchmarkFailure(new AssertionError("sum")));
        assertEquals(FailureCategory.TEST_FAILURE,
                FailureClassifier.ofBenchmarkFailure(new IllegalStateException("checksum mismatch")));
    }

    @ParameterizedTest
    @CsvSource({"TEST_FAILURE, FAILED", "TIMEOUT, TIMED_OUT", "NODE_LEFT, ERROR", "RESOURCE_EXHAUSTED, ERROR",
            "PROCESS_CRASH, ERROR", "INFRASTRUCTURE, ERROR", "BAD_DEFINITION, ERROR"})
    void onlyATestFailureIsFailedAndOnlyATimeoutIsTimedOut(FailureCategory category, TaskState status) {
        assertEquals(status, FailureClassifier.status(category));
    }

    private static Failure exit(int code, String stderr) {
        return FailureClassifier.ofExit(code, stderr, false).orElseThrow();
    }
}
