package io.dtf.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.FaultQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The query string of /api/faults: defaults, ages, instants, and refusals that name the parameter. */
class FaultParamsTest {
    private static final Instant NOW = Instant.parse("2025-03-02T12:00:00Z");

    @Test
    void nothingGivenMeansTheLatestTwentyRuns() {
        assertEquals(FaultQuery.latestRuns(20), FaultParams.read(null, null, null, null, NOW));
    }

    @Test
    void sinceTakesAnAgeOrAnInstant() {
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"), FaultParams.read(null, "24h", null, null, NOW).since());
        assertEquals(Instant.parse("2025-02-23T12:00:00Z"), FaultParams.read(null, "7d", null, null, NOW).since());
        assertEquals(new FaultQuery(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"),
                null, 10), FaultParams.read(null, "2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "10", NOW));
    }

    @Test
    void aBadParameterIsRefusedNamingIt() {
        assertEquals("runs", refused("0", null, null, null).field());
        assertEquals("runs", refused("1001", null, null, null).field());
        assertEquals("runs", refused("5", "24h", null, null).field());
        assertEquals("since", refused(null, "yesterday", null, null).field());
        assertEquals("until", refused(null, "2025-03-02T00:00:00Z", "2025-03-01T00:00:00Z", null).field());
        assertEquals("limit", refused(null, null, null, "lots").field());
        assertEquals("since", refused(null, "9".repeat(100), null, null).field());
    }

    private static ApiException refused(String runs, String since, String until, String limit) {
        return assertThrows(ApiException.class, () -> FaultParams.read(runs, since, until, limit, NOW));
    }
}
