package io.dtf.estimates.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.estimates.HistoryEstimates;
import io.dtf.grid.TestGrid;
import io.dtf.model.CommandAction;
import io.dtf.model.DurationSample;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The refreshing snapshot: the prior until a load, the last one kept while the source fails. */
class AggregatorEstimatesTest {
    private static final TaskSpec BUILD = new TaskSpec("build", "build", Map.of(),
            new CommandAction(List.of("true"), Map.of(), null), List.of(), 0, Duration.ofMinutes(5), 0, 1);

    @Test
    void answersThePriorUntilLoadedThenTheLastSnapshotAndKeepsItWhenTheSourceFails() throws Exception {
        // Each load takes the next answer the test hands over; the timer's first load waits for it, off this thread.
        BlockingQueue<Supplier<List<DurationSample>>> answers = new ArrayBlockingQueue<>(4);
        Supplier<List<DurationSample>> source = () -> {
            try {
                return answers.take().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("closed");
            }
        };
        try (AggregatorEstimates estimates = AggregatorEstimates.start(source, () -> false, Duration.ofHours(1),
                "estimates-test")) {
            assertEquals(HistoryEstimates.DEFAULT_PRIOR.toMillis(), estimates.expectedMillis("s", BUILD, "x86"));
            answers.put(() -> List.of(new DurationSample("s", "build", "x86", 3, 1_234)));
            TestGrid.await("the first load, on the estimates' own thread", Duration.ofSeconds(30),
                    () -> estimates.snapshot() != HistoryEstimates.prior());
            assertEquals(1_234, estimates.expectedMillis("s", BUILD, "x86"));
            // The next scheduled load is an hour away: from here on, only this thread loads.
            answers.put(() -> List.of(new DurationSample("s", "build", "x86", 3, 2_000)));
            assertTrue(estimates.refresh());
            assertEquals(2_000, estimates.expectedMillis("s", BUILD, "x86"));

            HistoryEstimates loaded = estimates.snapshot();
            answers.put(() -> {
                throw new IllegalStateException("no aggregator node in the grid");
            });
            assertFalse(estimates.refresh());
            assertSame(loaded, estimates.snapshot());
            assertEquals(2_000, estimates.expectedMillis("s", BUILD, "x86"));
            assertTrue(answers.isEmpty());
        }
    }

    @Test
    void aStoppedNodeEndsTheRefreshThread() throws Exception {
        BlockingQueue<String> asked = new ArrayBlockingQueue<>(1);
        AggregatorEstimates estimates = AggregatorEstimates.start(() -> {
            asked.add("loaded");
            return List.of();
        }, () -> true, Duration.ofMillis(1), "estimates-stopped-test");
        TestGrid.await("the refresh thread to end", Duration.ofSeconds(30), estimates::isClosed);
        assertTrue(asked.isEmpty(), "a stopped node loads nothing");
    }
}
