package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dtf.hardware.HardwareKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;

/** Detection with real OSHI on the machine running the build. */
class HardwareDetectorTest {
    @TempDir
    static Path dir;
    private static HardwareProfile here;

    @BeforeAll
    static void detect() {
        here = new HardwareDetector().detect(dir.resolve("not-yet-created/data"));
    }

    @Test
    void detectsSaneValuesOnThisMachine() {
        assertTrue(here.cpuCores() >= 1, "cores " + here.cpuCores());
        assertTrue(here.cpuThreads() >= here.cpuCores(), "threads " + here.cpuThreads());
        assertTrue(here.memoryBytes() > 0, "memory " + here.memoryBytes());
        assertFalse(here.cpuModel().isEmpty());
        assertFalse(here.hostname().isEmpty());
        assertTrue(here.arch().matches("[a-z0-9_]+"), "arch " + here.arch());
        assertEquals(String.valueOf(Runtime.version().feature()), here.javaVersion());
        assertTrue(Integer.parseInt(here.javaVersion()) >= 17);
    }

    @Test
    void onLinuxTheFamilyIsLinuxAndTheFlagsAreThoseOfProcCpuinfo() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertEquals("linux", here.osFamily());
        assertEquals(CpuFlags.fromCpuinfo(Files.readString(Path.of("/proc/cpuinfo"))), here.cpuFlags());
    }

    @Test
    void freeDiskIsReadForADataDirectoryThatDoesNotExistYet() {
        assertTrue(here.diskFreeBytes() > 0);
        assertFalse(Files.exists(dir.resolve("not-yet-created")), "detection must not create the data directory");
    }

    @Test
    void everyGraphicsCardIsEitherAKnownGpuOrNotedAsSkipped() {
        int reported = new SystemInfo().getHardware().getGraphicsCards().size();
        assertEquals(reported, here.gpus().size() + here.skippedGraphics().size());
        for (Gpu gpu : here.gpus()) {
            assertFalse(gpu.vendor().isBlank() || gpu.vendor().equals("unknown"), gpu.toString());
            assertFalse(gpu.model().isBlank() || gpu.model().equalsIgnoreCase("unknown"), gpu.toString());
        }
    }

    @Test
    void hardwareClassOfThisMachineIsAShortSlug() {
        Map<String, Object> attributes = NodeAttributes.of(here).build();
        String hwClass = (String) attributes.get(HardwareKeys.HW_CLASS);
        assertTrue(hwClass.matches("^[a-z0-9.-]+$"), hwClass);
        assertTrue(hwClass.contains("-" + here.cpuCores() + "c-"), hwClass);
    }

    @Test
    void aFailingProbeLeavesItsValueEmptyAndTheRestDetected() {
        // A probe with no file system root fails inside; detection must carry on without it.
        HardwareProfile profile = new HardwareDetector(new AcceleratorProbe(null, List.of(), Duration.ofMillis(100)))
                .detect(dir);
        assertTrue(profile.probedAccelerators().isEmpty());
        assertEquals(here.memoryBytes(), profile.memoryBytes());
    }
}
