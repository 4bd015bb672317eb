package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void oneUnitCombinedUnitsAndIsoAreDurations() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), DurationText.parse("10m"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), DurationText.parse("90s"));
        assertEquals(Optional.of(Duration.ofMillis(500)), DurationText.parse("500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationText.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofSeconds(150)), DurationText.parse("2m 30s"));
        assertEquals(Optional.of(Duration.ofHours(36)), DurationText.parse("1d12h"));
        assertEquals(Optional.of(Duration.ofMillis(1_500)), DurationText.parse("1s500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationText.parse("PT1H30M"));
    }

    @Test
    void unitsOutOfOrderRepeatedOrMissingAreNotDurations() {
        for (String text : new String[] {"30s1m", "1m1m", "30", "", "m", "1h30", "10 parsecs", "P1Y", "-5m"}) {
            assertTrue(DurationText.parse(text).isEmpty(), text);
        }
    }
}
