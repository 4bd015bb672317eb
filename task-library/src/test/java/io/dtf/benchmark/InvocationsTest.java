package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvocationsTest {

    @Test
    void ratesCombineAsTotalWorkOverTotalTime() {
        // The same work at 100/s and at 300/s: 2 units in 1/100 + 1/300 s is 150/s, not the mean 200/s.
        Invocations rates = of(100, 300);

        assertEquals(150, rates.value(true), 1e-9);
        assertEquals(2, rates.count());
    }

    @Test
    void timesCombineAsTheirMean() {
        assertEquals(200, of(100, 300).value(false), 1e-9);
    }

    @Test
    void aRateOfZeroFallsBackToTheMean() {
        assertEquals(50, of(0, 100).value(true), 1e-9);
    }

    private static Invocations of(double... values) {
        Invocations invocations = new Invocations();
        for (double v : values) {
            invocations.add(v);
        }
        return invocations;
    }
}
