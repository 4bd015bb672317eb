package io.dtf.coordinator.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.CoordinatorSettings;
import io.dtf.coordinator.Placement;
import org.junit.jupiter.api.Test;

/** The {@code dtf.coordinator.placement} switch a grid node's coordinator reads at start. */
class PlacementPropertyTest {

    @Test
    void unsetOrBlankIsTheDefault() {
        assertEquals(CoordinatorSettings.defaults().placement(), CoordinatorService.placement(null));
        assertEquals(CoordinatorSettings.defaults().placement(), CoordinatorService.placement("  "));
    }

    @Test
    void namesAreReadInAnyCase() {
        assertEquals(Placement.FIRST_FREE, CoordinatorService.placement("first_free"));
        assertEquals(Placement.ROUND_ROBIN, CoordinatorService.placement(" ROUND_ROBIN "));
    }

    @Test
    void anUnknownNameIsRefusedNamingThePropertyAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorService.placement("fastest"));
        assertTrue(e.getMessage().startsWith(CoordinatorService.PLACEMENT_PROPERTY + ": 'fastest'"), e.getMessage());
        assertTrue(e.getMessage().contains("first_free"), e.getMessage());
    }
}
