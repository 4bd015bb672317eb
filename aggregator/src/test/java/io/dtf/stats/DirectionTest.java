package io.dtf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectionTest {
    @ParameterizedTest
    @CsvSource({"ops/s, HIGHER_IS_BETTER", "ops/ms, HIGHER_IS_BETTER", "ops/us, HIGHER_IS_BETTER",
            "GB/s, HIGHER_IS_BETTER", "GFLOP/s, HIGHER_IS_BETTER", "fps, HIGHER_IS_BETTER", "MFLOPS, HIGHER_IS_BETTER",
            "ms/op, LOWER_IS_BETTER", "us/op, LOWER_IS_BETTER", "ms, LOWER_IS_BETTER", "bytes, LOWER_IS_BETTER",
            "'', LOWER_IS_BETTER"})
    void aUnitTellsWhichWayIsBetter(String unit, Direction expected) {
        assertEquals(expected, Direction.fromUnit(unit));
    }

    /** The units JMH writes (TimeUnit short names): throughput per time unit, time per operation. */
    @ParameterizedTest
    @CsvSource({"ns", "us", "ms", "s", "min", "hr", "day"})
    void everyJmhThroughputIsHigherIsBetterAndEveryTimePerOperationLowerIsBetter(String timeUnit) {
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.fromUnit("ops/" + timeUnit));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.fromUnit(timeUnit + "/op"));
    }
}
