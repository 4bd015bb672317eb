package io.dtf.ci.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangeTest {
    @Test
    void aRangeIsLowDashHighAndNothingMeansAnyFreePort() {
        assertEquals(new PortRange(21400, 21499), PortRange.parse(" 21400-21499 "));
        assertEquals(PortRange.ANY, PortRange.parse(null));
        assertEquals(PortRange.ANY, PortRange.parse(""));
    }

    @Test
    void aBadRangeNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRange.parse("21400"));
        assertEquals("dtf.embeddedPorts: '21400' is not LOW-HIGH; write e.g. 21400-21499", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("21499-21400"));
    }

    @Test
    void freePortsAreDistinctAndInsideTheRange() {
        List<Integer> ports = new PortRange(21490, 21499).free(3);
        assertEquals(3, new HashSet<>(ports).size());
        assertTrue(ports.stream().allMatch(p -> p >= 21490 && p <= 21499), ports.toString());
    }
}
