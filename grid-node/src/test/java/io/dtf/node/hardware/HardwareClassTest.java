package io.dtf.node.hardware;

import static io.dtf.node.hardware.TestProfiles.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.hardware.HardwareKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareClassTest {
    @Test
    void classOfAFixedProfileFollowsTheRecipe() {
        assertEquals("x86-64-intel-xeon-platinum-8375c-8c-32g", HardwareClass.of(xeon()));
    }

    @Test
    void memoryIsRoundedToWholeGib() {
        Map<String, Object> a = xeon();
        a.put(HardwareKeys.MEMORY_BYTES, 25_276_510_208L); // 23.5 GiB as a VM reports it
        assertEquals("x86-64-intel-xeon-platinum-8375c-8c-24g", HardwareClass.of(a));
    }

    @Test
    void gpusAddCountVendorAndMarketingModel() {
        Map<String, Object> a = xeon();
        a.put(HardwareKeys.GPU_COUNT, 4);
        a.put(HardwareKeys.GPU_VENDOR, "nvidia");
        a.put(HardwareKeys.GPU_MODEL, "NVIDIA A100-SXM4-40GB");
        assertEquals("x86-64-intel-xeon-platinum-8375c-8c-32g-4x-nvidia-a100-sxm4-40gb", HardwareClass.of(a));
        a.put(HardwareKeys.GPU_COUNT, 1);
        a.put(HardwareKeys.GPU_MODEL, "GA100 [A100 SXM4 40GB]");
        assertEquals("x86-64-intel-xeon-platinum-8375c-8c-32g-nvidia-a100-sxm4-40gb", HardwareClass.of(a));
    }

    @Test
    void cpuModelLosesTrademarksCoreCountsAndClockSpeed() {
        assertEquals("amd-ryzen-9-5950x", HardwareClass.cpuModel("AMD Ryzen 9 5950X 16-Core Processor"));
        assertEquals("12th-gen-intel-core-i7-12700h", HardwareClass.cpuModel("12th Gen Intel(R) Core(TM) i7-12700H"));
        assertEquals("apple-m2-pro", HardwareClass.cpuModel("Apple M2 Pro"));
        assertEquals("amd-epyc-7r13", HardwareClass.cpuModel("AMD EPYC 7R13 Processor"));
    }

    @Test
    void unknownPartsAreLeftOut() {
        assertEquals("aarch64-4c", HardwareClass.of(Map.of(HardwareKeys.OS_ARCH, "aarch64", HardwareKeys.CPU_CORES, 4)));
        assertEquals("unknown", HardwareClass.of(Map.of()));
    }

    private static Map<String, Object> xeon() {
        Map<String, Object> a = new HashMap<>();
        a.put(HardwareKeys.OS_ARCH, "x86_64");
        a.put(HardwareKeys.CPU_MODEL, "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz");
        a.put(HardwareKeys.CPU_CORES, 8);
        a.put(HardwareKeys.CPU_THREADS, 16);
        a.put(HardwareKeys.MEMORY_BYTES, 32 * GIB);
        return a;
    }
}
