package io.dtf.node.hardware;

import static io.dtf.node.hardware.TestProfiles.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.hardware.HardwareKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeAttributesTest {
    @Test
    void detectedHardwareIsPublishedWithTypedValues() {
        Map<String, Object> a = NodeAttributes.of(TestProfiles.xeon()).roles(Set.of("worker")).build();
        assertEquals("linux", a.get(HardwareKeys.OS_FAMILY));
        assertEquals("x86_64", a.get(HardwareKeys.OS_ARCH));
        assertEquals(8, a.get(HardwareKeys.CPU_CORES));
        assertEquals(16, a.get(HardwareKeys.CPU_THREADS));
        assertEquals("avx2,fpu,sse4_2", a.get(HardwareKeys.CPU_FLAGS));
        assertEquals(32 * GIB, a.get(HardwareKeys.MEMORY_BYTES));
        assertEquals(100 * GIB, a.get(HardwareKeys.DISK_FREE_BYTES));
        assertEquals("17", a.get(HardwareKeys.JAVA_VERSION));
        assertEquals("lab-1", a.get(HardwareKeys.HOSTNAME));
        assertEquals(0, a.get(HardwareKeys.GPU_COUNT));
        assertFalse(a.containsKey(HardwareKeys.GPU_VENDOR));
        assertEquals(16, a.get(HardwareKeys.SLOTS), "slots default to the logical threads");
        assertEquals("x86-64-intel-xeon-platinum-8375c-8c-32g", a.get(HardwareKeys.HW_CLASS));
        for (Object value : a.values()) {
            assertTrue(value instanceof String || value instanceof Integer || value instanceof Long, value.toString());
        }
    }

    @Test
    void valuesThatCouldNotBeReadAreLeftOut() {
        Map<String, Object> a = NodeAttributes.of(TestProfiles.empty()).roles(Set.of("worker")).build();
        assertEquals(Map.of(HardwareKeys.ROLES, "worker", HardwareKeys.SLOTS, 1, HardwareKeys.GPU_COUNT, 0,
                HardwareKeys.HW_CLASS, "unknown"), a);
    }

    @Test
    void theLargestGpuDescribesTheCards() {
        HardwareProfile p = TestProfiles.withGpus(TestProfiles.xeon(), List.of(
                new Gpu("nvidia", "Tesla T4", 16 * GIB), new Gpu("nvidia", "NVIDIA A100-SXM4-40GB", 40 * GIB)),
                List.of(), Map.of());
        Map<String, Object> a = NodeAttributes.of(p).build();
        assertEquals(2, a.get(HardwareKeys.GPU_COUNT));
        assertEquals("nvidia", a.get(HardwareKeys.GPU_VENDOR));
        assertEquals("NVIDIA A100-SXM4-40GB", a.get(HardwareKeys.GPU_MODEL));
        assertEquals(40 * GIB, a.get(HardwareKeys.GPU_MEMORY_BYTES));
    }

    @Test
    void rolesTagsAndAcceleratorsAreSortedLowerCaseCommaLists() {
        HardwareProfile p = TestProfiles.withGpus(TestProfiles.xeon(), List.of(), List.of(),
                Map.of("cuda", "/dev/nvidiactl exists"));
        NodeAttributes node = NodeAttributes.of(p)
                .roles(Set.of("worker", "data"))
                .tags(Set.of("WebGPU", "chrome, fast", " "))
                .accelerators(Set.of("TPU", "cuda"));
        Map<String, Object> a = node.build();
        assertEquals("data,worker", a.get(HardwareKeys.ROLES));
        assertEquals("chrome,fast,webgpu", a.get(HardwareKeys.TAGS));
        assertEquals("cuda,tpu", a.get(HardwareKeys.ACCELERATORS));
        assertEquals(Set.of("cuda", "tpu"), node.declaredAccelerators());
    }

    @Test
    void declaredSlotsReplaceTheDefaultAndMustBePositive() {
        assertEquals(3, NodeAttributes.build(TestProfiles.xeon(), Set.of("worker"), Set.of(), Set.of(), 3, Map.of())
                .get(HardwareKeys.SLOTS));
        assertEquals(16, NodeAttributes.build(TestProfiles.xeon(), Set.of("worker"), Set.of(), Set.of(), null, Map.of())
                .get(HardwareKeys.SLOTS));
        assertThrows(IllegalArgumentException.class, () -> NodeAttributes.of(TestProfiles.xeon()).slots(0));
    }

    @Test
    void aNodeWithoutTheWorkerRoleAnnouncesNoSlotsWhateverItIsGiven() {
        for (Map<String, Object> a : List.of(
                NodeAttributes.build(TestProfiles.xeon(), Set.of("coordinator", "data"), Set.of(), Set.of(), null, Map.of()),
                NodeAttributes.build(TestProfiles.xeon(), Set.of("data"), Set.of(), Set.of(), 4, Map.of()),
                NodeAttributes.build(TestProfiles.xeon(), Set.of("aggregator"), Set.of(), Set.of(), null,
                        Map.of("dtf.slots", "8")))) {
            assertFalse(a.containsKey(HardwareKeys.SLOTS), a.toString());
        }
    }

    @Test
    void overridesAreReadWithUnitsAndShapeTheHardwareClass() {
        Map<String, Object> a = NodeAttributes.of(TestProfiles.xeon()).overrides(Map.of(
                "dtf.memory.bytes", "16GiB",
                "cores", "4",
                "dtf.gpu.vendor", "NVIDIA",
                "dtf.gpu.model", "A100",
                "gpu.memory", "40 GB",
                "dtf.browser", "chrome",
                "dtf.tags", "b,A")).build();
        assertEquals(17_179_869_184L, a.get(HardwareKeys.MEMORY_BYTES));
        assertEquals(4, a.get(HardwareKeys.CPU_CORES));
        assertEquals(40_000_000_000L, a.get(HardwareKeys.GPU_MEMORY_BYTES));
        assertEquals("nvidia", a.get(HardwareKeys.GPU_VENDOR));
        assertEquals("chrome", a.get("dtf.browser"));
        assertEquals("a,b", a.get(HardwareKeys.TAGS));
        assertEquals("x86-64-intel-xeon-platinum-8375c-4c-16g-nvidia-a100", a.get(HardwareKeys.HW_CLASS));
    }

    @Test
    void aBlankOverrideRemovesTheAttribute() {
        Map<String, Object> a = NodeAttributes.of(TestProfiles.xeon()).overrides(Map.of("dtf.cpu.flags", " ")).build();
        assertFalse(a.containsKey(HardwareKeys.CPU_FLAGS));
    }

    @Test
    void anExplicitHardwareClassWins() {
        Map<String, Object> a = NodeAttributes.of(TestProfiles.xeon())
                .overrides(Map.of("dtf.hw.class", "Lab-Rack3", "dtf.memory.bytes", "8GiB")).build();
        assertEquals("lab-rack3", a.get(HardwareKeys.HW_CLASS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeAttributes
                .of(TestProfiles.xeon()).overrides(Map.of("dtf.hw.class", "rack 3!")).build());
        assertTrue(e.getMessage().contains("dtf.hw.class"), e.getMessage());
    }

    @Test
    void anUnknownOverrideKeyIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeAttributes
                .of(TestProfiles.xeon()).overrides(Map.of("browser", "chrome")).build());
        assertTrue(e.getMessage().contains("'browser'"), e.getMessage());
        assertTrue(e.getMessage().contains("memory"), "lists the valid short names: " + e.getMessage());
    }

    @Test
    void aNumericOverrideThatIsNotAWholeNumberIsRejectedNamingTheKey() {
        for (Map<String, String> bad : List.of(Map.of("dtf.memory.bytes", "lots"), Map.of("memory", "16XB"),
                Map.of("dtf.cpu.cores", "2.5"), Map.of("slots", "-1"), Map.of("dtf.cpu.threads", "3000000000"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NodeAttributes.of(TestProfiles.xeon()).overrides(bad).build(), bad.toString());
            String key = HardwareKeys.resolve(bad.keySet().iterator().next()).orElseThrow();
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
