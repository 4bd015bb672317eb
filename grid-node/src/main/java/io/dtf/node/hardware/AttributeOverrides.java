package io.dtf.node.hardware;

import io.dtf.hardware.HardwareKeys;
import io.dtf.requirements.Quantity;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the attribute values a node's config or command line declares ({@code dtf.memory.bytes=16GiB},
 * {@code gpu.vendor=NVIDIA}, {@code dtf.browser=chrome}) into the types every node expects.
 *
 * <p>Keys are {@code dtf.*} names or the short names of {@link HardwareKeys#aliases()}; anything
 * else is an error naming the key. Counts ({@code dtf.cpu.cores}, {@code dtf.cpu.threads},
 * {@code dtf.gpu.count}, {@code dtf.slots}) become Integers and {@code *.bytes} keys Longs, both
 * read with units ({@code 16GiB}, {@code 2k}); lists are normalised to a sorted lower-case comma
 * list; a blank value removes the attribute.
 */
final class AttributeOverrides {
    private static final Set<String> COUNTS = Set.of(
            HardwareKeys.CPU_CORES, HardwareKeys.CPU_THREADS, HardwareKeys.GPU_COUNT, HardwareKeys.SLOTS);
    private static final Pattern KEY = Pattern.compile("dtf\\.[A-Za-z0-9_.-]+");
    private static final Pattern CLASS = Pattern.compile("[a-z0-9.-]+");

    private AttributeOverrides() {
    }

    /** Attribute key to its typed value, or to empty when the override removes it; in the given order. */
    static Map<String, Optional<Object>> parse(Map<String, String> overrides) {
        Map<String, Optional<Object>> parsed = new LinkedHashMap<>();
        overrides.forEach((name, value) -> {
            String key = key(name);
            String text = value == null ? "" : value.strip();
            parsed.put(key, text.isEmpty() ? Optional.empty() : Optional.of(typed(key, text, name)));
        });
        return parsed;
    }

    /** A comma list: every item split on commas, stripped, lower-case, sorted, without blanks. */
    static String list(Collection<String> items) {
        Set<String> sorted = new TreeSet<>();
        for (String item : items) {
            Arrays.stream(item.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).forEach(sorted::add);
        }
        return String.join(",", sorted);
    }

    private static String key(String name) {
        String stripped = name == null ? "" : name.strip();
        String key = HardwareKeys.resolve(stripped).orElseThrow(() -> new IllegalArgumentException(
                "attribute override '" + stripped + "': unknown attribute; use a dtf.* key or one of: "
                        + HardwareKeys.aliasList()));
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("attribute override '" + stripped
                    + "': an attribute name is dtf. followed by letters, digits, '.', '_' or '-'");
        }
        return key;
    }

    private static Object typed(String key, String text, String name) {
        if (COUNTS.contains(key)) {
            return (int) whole(key, text, name, Integer.MAX_VALUE);
        }
        if (HardwareKeys.isBytes(key)) {
            return whole(key, text, name, Long.MAX_VALUE);
        }
        if (HardwareKeys.isList(key)) {
            return list(Set.of(text));
        }
        return switch (key) {
            case HardwareKeys.OS_ARCH -> PlatformNames.arch(text);
            case HardwareKeys.OS_FAMILY -> text.toLowerCase(Locale.ROOT);
            case HardwareKeys.GPU_VENDOR -> GraphicsCards.vendorName(text);
            case HardwareKeys.HW_CLASS -> hardwareClass(text, name);
            default -> text;
        };
    }

    private static long whole(String key, String text, String name, long max) {
        BigDecimal number = Quantity.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "attribute override '" + name + "=" + text + "': " + key + " needs a number"
                        + (HardwareKeys.isBytes(key) ? ", with an optional unit (16GiB, 512MB)" : "")));
        if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("attribute override '" + name + "=" + text + "': " + key
                    + " needs a whole number from 0 to " + max);
        }
        return number.longValueExact();
    }

    private static String hardwareClass(String text, String name) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!CLASS.matcher(lower).matches()) {
            throw new IllegalArgumentException("attribute override '" + name + "=" + text + "': "
                    + HardwareKeys.HW_CLASS + " may hold only letters, digits, '.' and '-'");
        }
        return lower;
    }
}
