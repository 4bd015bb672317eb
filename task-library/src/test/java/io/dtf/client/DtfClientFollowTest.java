package io.dtf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.wire.Json;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code await} reads a run again when the coordinator says it changed, and still follows it to its
 * end when no word comes or the coordinator cannot give one.
 */
class DtfClientFollowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A one-task run that ends when {@code done} is set; counts reads of its state. */
    private static final class OneTaskRun {
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();
        /** The read at which the run is seen ended without anyone's word. */
        int endsAtRead = Integer.MAX_VALUE;

        String view() {
            if (reads.incrementAndGet() >= endsAtRead) {
                done.set(true);
            }
            TaskState state = done.get() ? TaskState.PASSED : TaskState.RUNNING;
            return Json.write(new RunView("run-1", "s", Instant.EPOCH, null, 1, Map.of(state, 1)));
        }
    }

    /** Answers awaitChange with {@code change}, the run's state and results as the run has them. */
    private interface Changes {
        long awaitChange(long known, long maxWaitMillis) throws Exception;
    }

    private static DtfClient client(OneTaskRun run, Changes changes) {
        return DtfClient.over((CoordinatorApi) Proxy.newProxyInstance(CoordinatorApi.class.getClassLoader(),
                new Class<?>[] {CoordinatorApi.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "run" -> run.view();
                    case "results" -> "[]";
                    case "awaitChange" -> changes.awaitChange((long) args[1], (long) args[2]);
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }

    @Test
    void theRunIsReadAgainAsSoonAsTheCoordinatorSaysItChanged() throws Exception {
        OneTaskRun run = new OneTaskRun();
        DtfClient client = client(run, (known, wait) -> {
            if (known < 0) {
                return 7; // the number before the first read
            }
            assertTrue(wait > 0, "the client should wait for the word, not ask at once");
            run.done.set(true); // the result is stored: the coordinator says so
            return known + 1;
        });

        RunView done = client.await("run-1", TIMEOUT, r -> { });

        assertTrue(done.isDone());
        assertEquals(2, run.reads.get(), "one read before the word, one after");
    }

    @Test
    void aLostWordCostsOneWaitNotTheRun() throws Exception {
        OneTaskRun run = new OneTaskRun();
        DtfClient client = client(run, (known, wait) -> {
            if (known < 0) {
                return 0;
            }
            run.done.set(true); // the run ends, but the word about it is lost
            Thread.sleep(wait);
            return known;
        });

        assertTrue(client.await("run-1", TIMEOUT, r -> { }).isDone());
    }

    @Test
    void aCoordinatorThatCannotWaitIsPolledAsBefore() throws Exception {
        OneTaskRun run = new OneTaskRun();
        run.endsAtRead = 6;
        DtfClient client = client(run, (known, wait) -> {
            throw new IllegalStateException("no method awaitChange on this grid's coordinator");
        });

        assertTrue(client.await("run-1", TIMEOUT, r -> { }).isDone());
        assertEquals(6, run.reads.get());
    }

    @Test
    void aCallThatFailedForAWhileIsTriedAgain() throws Exception {
        OneTaskRun run = new OneTaskRun();
        AtomicInteger calls = new AtomicInteger();
        DtfClient client = client(run, (known, wait) -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("the coordinator is moving");
            }
            run.done.set(true); // only the word tells of the run's end here
            return known + 1;
        });

        assertTrue(client.await("run-1", TIMEOUT, r -> { }).isDone());
        assertEquals(4, calls.get());
    }
}
