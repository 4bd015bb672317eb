package io.dtf.node.hardware;

import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@code dtf.*} user attributes a node publishes: its {@link HardwareProfile} plus what
 * its config declares.
 *
 * <pre>{@code
 * Map<String, Object> attributes = NodeAttributes.of(new HardwareDetector().detect(dataDir))
 *         .roles(Set.of("worker"))                 // only a worker announces slots
 *         .tags(Set.of("webgpu", "chrome"))
 *         .accelerators(Set.of("webgpu"))          // joined with the probed ones
 *         .slots(4)                                // default: the logical threads
 *         .overrides(Map.of("memory", "16GiB", "dtf.browser", "chrome"))
 *         .build();
 * }</pre>
 *
 * <p>Unknown values (empty text, zero sizes) are left out, so {@code has KEY} means "known". Counts
 * are Integers, byte sizes Longs, the rest Strings; lists are sorted comma lists. Overrides (see
 * {@link AttributeOverrides}) replace detected values; {@code dtf.hw.class} is then derived by
 * {@link HardwareClass} from the result, unless an override sets it.
 */
public final class NodeAttributes {
    private final HardwareProfile profile;
    private Set<String> roles = Set.of();
    private Set<String> tags = Set.of();
    private Set<String> declaredAccelerators = Set.of();
    private Integer slots;
    private Map<String, String> overrides = Map.of();

    private NodeAttributes(HardwareProfile profile) {
        this.profile = profile;
    }

    /** Starts from a detected (or, in tests, hand-made) profile. */
    public static NodeAttributes of(HardwareProfile profile) {
        return new NodeAttributes(profile);
    }

    public NodeAttributes roles(Collection<String> roles) {
        this.roles = Set.copyOf(roles);
        return this;
    }

    /** Free-form tags; an item may itself be a comma list, as typed on a command line. */
    public NodeAttributes tags(Collection<String> tags) {
        this.tags = Set.copyOf(tags);
        return this;
    }

    /** Accelerators the config declares ({@code tpu}, {@code webgpu}); published with the probed ones. */
    public NodeAttributes accelerators(Collection<String> accelerators) {
        this.declaredAccelerators = Set.copyOf(accelerators);
        return this;
    }

    /** Tasks this node runs at once; at least 1. Published only for a node with the worker role. */
    public NodeAttributes slots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots: " + slots + " is less than 1");
        }
        this.slots = slots;
        return this;
    }

    /** Attribute values that replace or add to the detected ones; see {@link AttributeOverrides}. */
    public NodeAttributes overrides(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
        return this;
    }

    /**
     * All inputs at once: {@code NodeAttributes.of(profile).roles(roles)...build()}, with
     * {@code slots} null for the default.
     */
    public static Map<String, Object> build(HardwareProfile profile, Set<String> roles, Set<String> tags,
                                            Set<String> accelerators, Integer slots, Map<String, String> overrides) {
        NodeAttributes node = of(profile).roles(roles).tags(tags).accelerators(accelerators).overrides(overrides);
        if (slots != null) {
            node.slots(slots);
        }
        return node.build();
    }

    public HardwareProfile profile() {
        return profile;
    }

    /** The declared accelerators, normalised as published (lower-case, sorted). */
    public Set<String> declaredAccelerators() {
        return split(AttributeOverrides.list(declaredAccelerators));
    }

    /** The attribute keys an override sets or removes, sorted. */
    public Set<String> overriddenKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(AttributeOverrides.parse(overrides).keySet()));
    }

    /**
     * The attributes, in a stable order (who, what it offers, then hardware, then lab keys).
     *
     * @throws IllegalArgumentException for an override with an unknown key or a value of the wrong kind
     */
    public Map<String, Object> build() {
        Map<String, Optional<Object>> declared = AttributeOverrides.parse(overrides);
        Map<String, Object> a = new LinkedHashMap<>();
        putText(a, HardwareKeys.HOSTNAME, profile.hostname());
        putText(a, HardwareKeys.ROLES, AttributeOverrides.list(roles));
        if (roles.contains(Roles.WORKER)) {
            a.put(HardwareKeys.SLOTS, slots != null ? slots : Math.max(1, profile.cpuThreads()));
        }
        putText(a, HardwareKeys.TAGS, AttributeOverrides.list(tags));
        Set<String> accelerators = new TreeSet<>(profile.probedAccelerators().keySet());
        accelerators.addAll(declaredAccelerators);
        putText(a, HardwareKeys.ACCELERATORS, AttributeOverrides.list(accelerators));
        putText(a, HardwareKeys.OS_FAMILY, profile.osFamily());
        putText(a, HardwareKeys.OS_ARCH, profile.arch());
        putText(a, HardwareKeys.CPU_MODEL, profile.cpuModel());
        putCount(a, HardwareKeys.CPU_CORES, profile.cpuCores());
        putCount(a, HardwareKeys.CPU_THREADS, profile.cpuThreads());
        putText(a, HardwareKeys.CPU_FLAGS, String.join(",", profile.cpuFlags()));
        putBytes(a, HardwareKeys.MEMORY_BYTES, profile.memoryBytes());
        putGpus(a);
        putBytes(a, HardwareKeys.DISK_FREE_BYTES, profile.diskFreeBytes());
        putText(a, HardwareKeys.JAVA_VERSION, profile.javaVersion());
        declared.forEach((key, value) -> {
            a.remove(key);
            value.ifPresent(v -> a.put(key, v));
        });
        if (!roles.contains(Roles.WORKER)) {
            a.remove(HardwareKeys.SLOTS); // runs no task: capacity it announced would be counted by someone
        }
        if (!declared.containsKey(HardwareKeys.HW_CLASS)) {
            a.put(HardwareKeys.HW_CLASS, HardwareClass.of(a));
        }
        return Collections.unmodifiableMap(a);
    }

    // With several cards, vendor, model and VRAM describe the one with the most VRAM.
    private void putGpus(Map<String, Object> a) {
        a.put(HardwareKeys.GPU_COUNT, profile.gpus().size());
        profile.gpus().stream().max(Comparator.comparingLong(Gpu::vramBytes)).ifPresent(gpu -> {
            putText(a, HardwareKeys.GPU_VENDOR, gpu.vendor());
            putText(a, HardwareKeys.GPU_MODEL, gpu.model());
            putBytes(a, HardwareKeys.GPU_MEMORY_BYTES, gpu.vramBytes());
        });
    }

    private static void putText(Map<String, Object> a, String key, String value) {
        if (value != null && !value.isBlank()) {
            a.put(key, value);
        }
    }

    private static void putCount(Map<String, Object> a, String key, int value) {
        if (value > 0) {
            a.put(key, value);
        }
    }

    private static void putBytes(Map<String, Object> a, String key, long value) {
        if (value > 0) {
            a.put(key, value);
        }
    }

    private static Set<String> split(String list) {
        return list.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(Set.of(list.split(","))));
    }
}
