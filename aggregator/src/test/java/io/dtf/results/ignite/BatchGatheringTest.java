package io.dtf.results.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchGatheringTest {
    private final BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(100);
    private final List<Integer> batch = new ArrayList<>();

    @Test
    void entriesThatComeWithinTheWindowJoinTheFirstOnesBatch() throws Exception {
        queue.add(1);
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> queue.add(2),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        BatchGathering.take(queue, batch, 2, 10, Duration.ofSeconds(30));

        later.get();
        assertEquals(List.of(1, 2), batch);
    }

    @Test
    void aFullBatchIsTakenWithoutWaitingAndTheRestLeftQueued() throws Exception {
        for (int i = 1; i <= 10; i++) {
            queue.add(i);
        }
        long start = System.nanoTime();

        BatchGathering.take(queue, batch, 4, 10, Duration.ofSeconds(30));

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "it waited for the window");
        assertEquals(List.of(1, 2, 3, 4), batch);
        assertEquals(6, queue.size());
    }

    @Test
    void aLoneEntryIsTakenOnceTheWindowHasPassedAndAnEmptyQueueGivesNothing() throws Exception {
        BatchGathering.take(queue, batch, 100, 10, Duration.ofSeconds(30));
        assertEquals(List.of(), batch);

        queue.add(7);
        BatchGathering.take(queue, batch, 100, 10, Duration.ofMillis(20));
        assertEquals(List.of(7), batch);
    }
}
