package io.dtf.hardware;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node attributes DTF publishes ({@code dtf.*} Ignite user attributes), and the short names a
 * suite may use for them in requirements ({@code memory >= 16GiB} means
 * {@code dtf.memory.bytes >= 17179869184}).
 *
 * <p>Values are Strings, Integers or Longs so that every node can read every other node's
 * attributes. List-valued attributes ({@link #TAGS}, {@link #ACCELERATORS}, {@link #ROLES},
 * {@link #CPU_FLAGS}) are comma-separated strings.
 */
public final class HardwareKeys {
    public static final String PREFIX = "dtf.";

    public static final String ROLES = "dtf.roles";
    public static final String SLOTS = "dtf.slots";
    public static final String TAGS = "dtf.tags";
    public static final String ACCELERATORS = "dtf.accelerators";
    public static final String HW_CLASS = "dtf.hw.class";
    public static final String HOSTNAME = "dtf.hostname";
    /** "true" when the worker runs {@code command} tasks (processes); workers opt in with {@code --allow-commands}. */
    public static final String COMMANDS = "dtf.commands";
    /**
     * Directories (separated as in PATH) under which a command task's {@code workdir} may lie on this
     * worker besides the attempt's own directory; unset, none. Set with {@code --attr dtf.workdir.roots=DIR}.
     */
    public static final String WORKDIR_ROOTS = "dtf.workdir.roots";
    public static final String OS_FAMILY = "dtf.os.family";
    public static final String OS_ARCH = "dtf.os.arch";
    public static final String CPU_MODEL = "dtf.cpu.model";
    public static final String CPU_CORES = "dtf.cpu.cores";
    public static final String CPU_THREADS = "dtf.cpu.threads";
    public static final String CPU_FLAGS = "dtf.cpu.flags";
    public static final String MEMORY_BYTES = "dtf.memory.bytes";
    public static final String GPU_COUNT = "dtf.gpu.count";
    public static final String GPU_VENDOR = "dtf.gpu.vendor";
    public static final String GPU_MODEL = "dtf.gpu.model";
    public static final String GPU_MEMORY_BYTES = "dtf.gpu.memory.bytes";
    public static final String DISK_FREE_BYTES = "dtf.disk.free.bytes";
    public static final String JAVA_VERSION = "dtf.java.version";

    /** Short name in a suite -> attribute key. Insertion order is the order shown in help text. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put("os", OS_FAMILY);
        ALIASES.put("arch", OS_ARCH);
        ALIASES.put("cpu.model", CPU_MODEL);
        ALIASES.put("cores", CPU_CORES);
        ALIASES.put("threads", CPU_THREADS);
        ALIASES.put("cpu.flags", CPU_FLAGS);
        ALIASES.put("memory", MEMORY_BYTES);
        ALIASES.put("gpu.count", GPU_COUNT);
        ALIASES.put("gpu.vendor", GPU_VENDOR);
        ALIASES.put("gpu.model", GPU_MODEL);
        ALIASES.put("gpu.memory", GPU_MEMORY_BYTES);
        ALIASES.put("disk", DISK_FREE_BYTES);
        ALIASES.put("java", JAVA_VERSION);
        ALIASES.put("tags", TAGS);
        ALIASES.put("accelerators", ACCELERATORS);
        ALIASES.put("slots", SLOTS);
        ALIASES.put("hw.class", HW_CLASS);
        ALIASES.put("hostname", HOSTNAME);
        ALIASES.put("roles", ROLES);
        ALIASES.put("commands", COMMANDS);
    }

    private HardwareKeys() {
    }

    /**
     * The attribute key a suite name refers to: an alias, or any name already starting with
     * {@code dtf.} (labs declare their own attributes, e.g. {@code dtf.browser.chrome}).
     */
    public static Optional<String> resolve(String name) {
        if (name.startsWith(PREFIX)) {
            return Optional.of(name);
        }
        return Optional.ofNullable(ALIASES.get(name));
    }

    /** Short names, for error messages that list what is valid. */
    public static Map<String, String> aliases() {
        return Map.copyOf(ALIASES);
    }

    public static String aliasList() {
        return String.join(", ", ALIASES.keySet());
    }

    /** Attributes whose values are byte counts: requirements on them accept KiB/MiB/GiB/TiB and KB/MB/GB/TB. */
    public static boolean isBytes(String key) {
        return key.endsWith(".bytes");
    }

    /** Attributes holding comma-separated lists. */
    public static boolean isList(String key) {
        return key.equals(TAGS) || key.equals(ACCELERATORS) || key.equals(ROLES) || key.equals(CPU_FLAGS);
    }
}
