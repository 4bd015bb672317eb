package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.model.Metric;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchmarkContextTest {
    private final BenchmarkContext ctx = new BenchmarkContext(
            Map.of("n", "512", "k", "2k", "size", "64MiB", "plain", "4096", "word", "abc", "half", "1.5",
                    "mode", "copy"), null);

    @Test
    void absentParamsGiveTheirDefaults() {
        assertEquals(256, ctx.longParam("missing", 256));
        assertEquals(1 << 20, ctx.bytesParam("missing", "1MiB"));
        assertEquals("fast", ctx.stringParam("missing", "fast"));
    }

    @Test
    void numbersAndByteSizesAreReadWithTheirUnits() {
        assertEquals(512, ctx.longParam("n", 1));
        assertEquals(2000, ctx.longParam("k", 1));
        assertEquals(64L << 20, ctx.bytesParam("size", "1KiB"));
        assertEquals(4096, ctx.bytesParam("plain", "1KiB"));
        assertEquals("copy", ctx.stringParam("mode", "x"));
    }

    @Test
    void aParamThatIsNotANumberIsReportedByName() {
        BenchmarkParameterException e = assertThrows(BenchmarkParameterException.class,
                () -> ctx.longParam("word", 1));

        assertEquals("word", e.parameter());
        assertEquals("param word must be a whole number such as 256, got 'abc'", e.getMessage());
        assertThrows(BenchmarkParameterException.class, () -> ctx.longParam("half", 1));
        assertTrue(assertThrows(BenchmarkParameterException.class, () -> ctx.bytesParam("word", "1MiB"))
                .getMessage().contains("param word must be a byte size"));
    }

    @Test
    void aParamOutsideItsRangeIsReportedWithTheRange() {
        BenchmarkParameterException e = assertThrows(BenchmarkParameterException.class,
                () -> ctx.longParam("n", 1, 1, 256));

        assertEquals("param n must be between 1 and 256, got 512", e.getMessage());
        assertEquals("param size must be between 1 KiB and 1 MiB, got 64 MiB", assertThrows(
                BenchmarkParameterException.class, () -> ctx.bytesParam("size", "1KiB", 1024, 1 << 20)).getMessage());
    }

    @Test
    void withoutAStoreNothingIsRestoredAndACheckpointIsNotStored() {
        assertTrue(ctx.restored().isEmpty());
        assertEquals(OptionalLong.empty(), ctx.restoredLong());
        assertFalse(ctx.checkpoint(42));
    }

    @Test
    void theStateOfThePreviousAttemptIsRestoredEvenAfterThisOneSavesItsOwn() {
        MemoryCheckpoints store = new MemoryCheckpoints("row 17".getBytes(StandardCharsets.UTF_8));
        BenchmarkContext resumed = new BenchmarkContext(Map.of(), null, store);

        assertTrue(resumed.checkpoint("row 18"));

        assertEquals("row 17", resumed.restoredString().orElseThrow());
        assertEquals("row 18", new String(store.load().orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aBenchmarkThatNeitherRestoresNorSavesReadsNoCheckpoint() {
        AtomicInteger reads = new AtomicInteger();
        MemoryCheckpoints store = new MemoryCheckpoints(new byte[] {7}) {
            @Override
            public synchronized Optional<byte[]> load() {
                reads.incrementAndGet();
                return super.load();
            }
        };
        BenchmarkContext context = new BenchmarkContext(Map.of("n", "1"), null, store);
        context.longParam("n", 0, 0, 10);
        context.report("steps", "", 1);
        context.checkCancelled();

        assertEquals(0, reads.get(), "in a grid each read is a round trip that a no-op benchmark need not make");
        assertArrayEquals(new byte[] {7}, context.restored().orElseThrow());
        assertTrue(context.restoredString().isPresent(), "read from what was loaded, not again");
        assertEquals(1, reads.get());
    }

    @Test
    void anUnreadableCheckpointFailsTheFirstCallThatNeedsItAndNothingIsSaved() {
        MemoryCheckpoints store = new MemoryCheckpoints(new byte[] {7}) {
            @Override
            public synchronized Optional<byte[]> load() {
                throw new CheckpointException("its checkpoint could not be loaded", new IllegalStateException("lost"));
            }
        };
        BenchmarkContext context = new BenchmarkContext(Map.of(), null, store);

        assertThrows(CheckpointException.class, context::restored);
        assertThrows(CheckpointException.class, () -> context.checkpoint(1L));
        assertEquals(0, store.saves().size(), "a save must never replace a state this attempt could not read");
    }

    @Test
    void aNumberRoundTripsThroughACheckpoint() {
        MemoryCheckpoints store = new MemoryCheckpoints();
        new BenchmarkContext(Map.of(), null, store).checkpoint(1L << 40);

        assertEquals(OptionalLong.of(1L << 40), new BenchmarkContext(Map.of(), null, store).restoredLong());
    }

    @Test
    void aRestoredStateThatIsNotANumberIsAnErrorNotAZero() {
        BenchmarkContext resumed = new BenchmarkContext(Map.of(), null, new MemoryCheckpoints(new byte[3]));

        IllegalStateException e = assertThrows(IllegalStateException.class, resumed::restoredLong);
        assertTrue(e.getMessage().contains("has 3 bytes"), e.getMessage());
    }

    @Test
    void aCheckpointOverTheLimitIsRefusedAndNothingIsStored() {
        MemoryCheckpoints store = new MemoryCheckpoints();
        BenchmarkContext context = new BenchmarkContext(Map.of(), null, store);

        assertThrows(IllegalArgumentException.class,
                () -> context.checkpoint(new byte[BenchmarkContext.MAX_CHECKPOINT_BYTES + 1]));
        assertTrue(context.checkpoint(new byte[BenchmarkContext.MAX_CHECKPOINT_BYTES]));
        assertEquals(1, store.saves().size());
    }

    @Test
    void theCallerCannotChangeASavedOrRestoredStateAfterwards() {
        MemoryCheckpoints store = new MemoryCheckpoints(new byte[] {1});
        BenchmarkContext context = new BenchmarkContext(Map.of(), null, store);
        byte[] state = {2};

        context.checkpoint(state);
        state[0] = 9;
        context.restored().orElseThrow()[0] = 9;

        assertArrayEquals(new byte[] {2}, store.load().orElseThrow());
        assertArrayEquals(new byte[] {1}, context.restored().orElseThrow());
    }

    @Test
    void reportedSamplesBecomeMetricsInTheOrderTheirNamesCame() {
        ctx.report("steps", "", 3);
        ctx.report("resumed", "step", 1);
        ctx.report("steps", "", 4);

        assertEquals(List.of(new Metric("steps", "", List.of(3.0, 4.0)), new Metric("resumed", "step", List.of(1.0))),
                ctx.reported());
    }

    @Test
    void aReportWithAnotherUnitOrANonFiniteValueIsRefused() {
        ctx.report("steps", "", 3);

        assertThrows(IllegalArgumentException.class, () -> ctx.report("steps", "ms", 1));
        assertThrows(IllegalArgumentException.class, () -> ctx.report("other", "", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ctx.report(" ", "", 1));
        assertEquals(1, ctx.reported().size());
    }
}
