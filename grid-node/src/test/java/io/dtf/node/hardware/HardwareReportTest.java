package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.hardware.HardwareKeys;
import io.dtf.wire.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HardwareReportTest {
    private static final String VM_CARD = GraphicsCards.describe("unknown", "unknown", 0);

    @Test
    void tableListsEveryAttributeWithBytesAlsoInGib() {
        NodeAttributes node = NodeAttributes.of(TestProfiles.xeon()).roles(Set.of("worker"));
        String table = new HardwareReport(node).table();
        node.build().keySet().forEach(key -> assertTrue(table.contains(key + " "), key + " missing in\n" + table));
        assertTrue(table.contains("34359738368 (32 GiB)"), table);
        assertTrue(table.contains("Accelerators: none probed (looked for cuda, rocm), none declared"), table);
    }

    @Test
    void tableSaysHowAcceleratorsWereFoundAndWhichCardsWereSkipped() {
        HardwareProfile p = TestProfiles.withGpus(TestProfiles.xeon(), List.of(), List.of(VM_CARD),
                Map.of("cuda", "/dev/nvidiactl exists"));
        String table = new HardwareReport(NodeAttributes.of(p).accelerators(Set.of("tpu", "cuda"))).table();
        assertTrue(table.contains("Accelerators: cuda probed (/dev/nvidiactl exists) and declared; tpu declared"), table);
        assertTrue(table.contains("Graphics: 1 card not counted as GPU:\n  " + VM_CARD), table);
    }

    @Test
    void tableMarksOverriddenValues() {
        String table = new HardwareReport(NodeAttributes.of(TestProfiles.xeon())
                .overrides(Map.of("memory", "16GiB"))).table();
        assertTrue(table.lines().anyMatch(l -> l.startsWith(HardwareKeys.MEMORY_BYTES)
                && l.endsWith("17179869184 (16 GiB)  [override]")), table);
    }

    @Test
    void longFlagListsAreWrappedForATerminal() {
        Set<String> flags = Set.copyOf(IntStream.range(0, 120).mapToObj(i -> "flag" + i).toList());
        HardwareProfile p = new HardwareProfile("linux", "x86_64", "cpu", 1, 1, flags, 1, List.of(), List.of(),
                1, "17", "h", Map.of());
        String table = new HardwareReport(NodeAttributes.of(p)).table();
        assertTrue(table.lines().allMatch(l -> l.length() <= 120), table);
        assertTrue(table.contains("flag99"), table);
    }

    @Test
    void jsonParsesBackToTheSameAttributes() {
        HardwareProfile p = TestProfiles.withGpus(TestProfiles.xeon(), List.of(new Gpu("nvidia", "Tesla T4", 16L << 30)),
                List.of(VM_CARD), Map.of());
        NodeAttributes node = NodeAttributes.of(p).tags(Set.of("webgpu")).overrides(Map.of("dtf.browser", "chrome"));
        String json = new HardwareReport(node).json();
        Map<String, Object> back = Json.read(json, new TypeReference<Map<String, Object>>() { });
        assertEquals(strings(node.build()), strings(back));
        assertTrue(back.get(HardwareKeys.MEMORY_BYTES) instanceof Number, "sizes stay numbers");
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
