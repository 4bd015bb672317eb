package io.dtf.node.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dtf.hardware.HardwareKeys;
import io.dtf.requirements.Quantity;
import io.dtf.wire.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code dtf hw} prints: the attributes this node would publish, as a table for people or as
 * JSON for scripts.
 *
 * <pre>{@code
 * HardwareReport report = new HardwareReport(NodeAttributes.of(new HardwareDetector().detect(dataDir)));
 * System.out.print(json ? report.json() : report.table());
 * }</pre>
 */
public final class HardwareReport {
    private static final int WRAP = 72;

    private final NodeAttributes node;
    private final Map<String, Object> attributes;

    /** @throws IllegalArgumentException when the node's overrides are invalid (see {@link NodeAttributes#build()}) */
    public HardwareReport(NodeAttributes node) {
        this.node = node;
        this.attributes = node.build();
    }

    /**
     * One row per attribute (byte sizes also in GiB, overridden values marked), long lists wrapped,
     * then how accelerators were found and which graphics cards were not counted.
     */
    public String table() {
        int width = attributes.keySet().stream().mapToInt(String::length).max().orElse(3) + 2;
        Set<String> overridden = node.overriddenKeys();
        StringBuilder out = new StringBuilder();
        out.append(pad("KEY", width)).append("VALUE\n");
        attributes.forEach((key, value) -> {
            List<String> lines = wrap(shown(key, value));
            if (overridden.contains(key)) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "  [override]");
            }
            out.append(pad(key, width)).append(lines.get(0)).append('\n');
            lines.stream().skip(1).forEach(line -> out.append(" ".repeat(width)).append(line).append('\n'));
        });
        out.append('\n').append(acceleratorLine()).append('\n');
        List<String> skipped = node.profile().skippedGraphics();
        if (!skipped.isEmpty()) {
            out.append("Graphics: ").append(skipped.size()).append(skipped.size() == 1 ? " card" : " cards")
                    .append(" not counted as GPU:\n");
            skipped.forEach(card -> out.append("  ").append(card).append('\n'));
        }
        return out.toString();
    }

    /** The attributes as one JSON object (numbers stay numbers). */
    public String json() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(attributes) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode the node attributes", e);
        }
    }

    private String acceleratorLine() {
        Map<String, String> probed = node.profile().probedAccelerators();
        Set<String> declared = node.declaredAccelerators();
        Set<String> all = new TreeSet<>(probed.keySet());
        all.addAll(declared);
        if (all.isEmpty()) {
            return "Accelerators: none probed (looked for " + AcceleratorProbe.CUDA + ", " + AcceleratorProbe.ROCM
                    + "), none declared";
        }
        List<String> parts = new ArrayList<>();
        for (String name : all) {
            String how = probed.containsKey(name) ? "probed (" + probed.get(name) + ")" : "";
            if (declared.contains(name)) {
                how = how.isEmpty() ? "declared" : how + " and declared";
            }
            parts.add(name + " " + how);
        }
        return "Accelerators: " + String.join("; ", parts);
    }

    private static String shown(String key, Object value) {
        if (HardwareKeys.isBytes(key) && value instanceof Number n) {
            return n + " (" + Quantity.bytes(n.longValue()) + ")";
        }
        return String.valueOf(value);
    }

    // Breaks after commas so a long flag list stays readable in a terminal.
    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String item : text.split("(?<=,)")) {
            if (line.length() > 0 && line.length() + item.length() > WRAP) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(item);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }
}
