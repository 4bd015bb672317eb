package io.dtf.node.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.suite.DurationText;
import java.time.Duration;
import java.util.Map;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;

class MemorySettingsTest {
    private static final long GIB = 1L << 30;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        MemorySettings s = MemorySettings.parse(key -> null);
        assertNull(s.dataRegionMaxBytes());
        assertEquals(MemorySettings.DEFAULT_RESULT_RETENTION, s.resultRetention());
        assertEquals(MemorySettings.DEFAULT_RUN_RETENTION, s.runRetention());
    }

    @Test
    void valuesTakeUnitsAndSuiteDurationsAndRetentionCanBeOff() {
        MemorySettings s = MemorySettings.parse(Map.of(MemorySettings.DATA_REGION_MAX, "2GiB",
                MemorySettings.RESULT_RETENTION, "off", MemorySettings.RUN_RETENTION, "10m")::get);
        assertEquals(2 * GIB, s.dataRegionMaxBytes());
        assertNull(s.resultRetention());
        assertEquals(Duration.ofMinutes(10), s.runRetention());
    }

    @Test
    void aBadValueIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemorySettings.parse(Map.of(MemorySettings.RESULT_RETENTION, "soon")::get));
        assertEquals("dtf.results.retention: 'soon' is not a duration; " + DurationText.EXAMPLES + ", or off",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MemorySettings.parse(Map.of(MemorySettings.DATA_REGION_MAX, "1MiB")::get));
        assertEquals("dtf.dataRegion.maxSize: 1MiB is too small for DTF's caches; give at least 128 MiB", e.getMessage());
    }

    @Test
    void theRegionIsAShareOfTheMachineBetweenAFloorAndACap() {
        assertEquals(256L << 20, MemorySettings.defaultRegionBytes(GIB));
        assertEquals((long) (24 * GIB * 0.2), MemorySettings.defaultRegionBytes(24 * GIB));
        assertEquals(16 * GIB, MemorySettings.defaultRegionBytes(512 * GIB));
    }

    @Test
    void theSettingOverridesTheConfigAndTheConfigOverridesTheMachine() {
        assertEquals(24 * GIB / 5, DataRegionSize.apply(new IgniteConfiguration(), null, 24 * GIB), 1);
        IgniteConfiguration configured = new IgniteConfiguration().setDataStorageConfiguration(
                new DataStorageConfiguration().setDefaultDataRegionConfiguration(
                        new DataRegionConfiguration().setName("default").setMaxSize(512L << 20)));
        assertEquals(512L << 20, DataRegionSize.apply(configured, null, 24 * GIB));
        assertEquals(GIB, DataRegionSize.apply(configured, GIB, 24 * GIB));
        assertEquals(true, configured.getDataStorageConfiguration().getDefaultDataRegionConfiguration()
                .isMetricsEnabled());
    }
}
