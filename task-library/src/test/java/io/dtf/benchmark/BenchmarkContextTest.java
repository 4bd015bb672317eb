package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
}
