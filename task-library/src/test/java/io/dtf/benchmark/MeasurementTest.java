package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void overridesReplaceOnlyTheFieldsTheyGive() {
        Measurement m = Measurement.DEFAULTS.with(null, null, 20, Duration.ofMillis(200));

        assertEquals(new Measurement(MeasurementDefaults.WARMUP, MeasurementDefaults.WARMUP_TIME, 20,
                Duration.ofMillis(200)), m);
        assertEquals(Measurement.DEFAULTS, Measurement.DEFAULTS.with(null, null, null, null));
    }

    @Test
    void aBadSettingIsRefusedNamingItsField() {
        assertEquals("warmup must be 0 or more, got -1", assertThrows(IllegalArgumentException.class,
                () -> Measurement.DEFAULTS.with(-1, null, null, null)).getMessage());
        assertEquals("iterations must be 1 or more, got 0", assertThrows(IllegalArgumentException.class,
                () -> Measurement.singleShots(0, 0)).getMessage());
        assertEquals("iterationTime must be 0 or more, got -1000ms", assertThrows(IllegalArgumentException.class,
                () -> Measurement.DEFAULTS.with(null, null, null, Duration.ofSeconds(-1))).getMessage());
        assertEquals("warmupTime must be 0 or more, got -1000ms", assertThrows(IllegalArgumentException.class,
                () -> Measurement.DEFAULTS.with(null, Duration.ofSeconds(-1), null, null)).getMessage());
    }
}
