package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.console.api.ApiException;
import org.junit.jupiter.api.Test;

class SinceParameterTest {
    @Test
    void absentOrZeroMeansNoFrameSeenYet() {
        assertNull(SinceParameter.parse(null));
        assertNull(SinceParameter.parse(""));
        assertNull(SinceParameter.parse("0"));
    }

    @Test
    void numbersAreReadAndHugeOnesStayPastAnyFrame() {
        assertEquals(1795870262729L, SinceParameter.parse("1795870262729"));
        assertEquals(Long.MAX_VALUE, SinceParameter.parse("9".repeat(30)));
    }

    @Test
    void anythingElseIsRefusedNamingTheField() {
        for (String bad : new String[] {"-1", "12a", "1e9", " 5", "9".repeat(41), "%00"}) {
            ApiException e = assertThrows(ApiException.class, () -> SinceParameter.parse(bad), bad);
            assertEquals("since", e.field());
        }
    }
}
