package io.dtf.node.hardware;

import io.dtf.hardware.HardwareKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives {@code dtf.hw.class}, the short string that groups results by hardware, from a node's
 * attributes (after overrides, so a lab that declares its memory gets a class that says so).
 *
 * <p>The recipe, parts joined by {@code -} and any unknown part left out:
 * <ol>
 *   <li>architecture ({@code x86_64} becomes {@code x86-64});</li>
 *   <li>CPU model without trademarks, "CPU", "Processor", "N-Core" and the clock speed;</li>
 *   <li>physical cores and {@code c};</li>
 *   <li>memory rounded to whole GiB and {@code g};</li>
 *   <li>with a GPU: the count and {@code x} when more than one, the GPU vendor, and the GPU model
 *       (its bracketed marketing name when it has one, without a leading vendor word).</li>
 * </ol>
 * Everything is lower-case and made of {@code [a-z0-9.-]}. So "Intel(R) Xeon(R) Platinum 8375C CPU
 * @ 2.90GHz" with 8 cores and 31.4 GiB on x86_64 is {@code x86-64-intel-xeon-platinum-8375c-8c-31g},
 * and with two "NVIDIA A100" cards {@code ...-31g-2x-nvidia-a100}.
 */
public final class HardwareClass {
    private static final long GIB = 1L << 30;
    private static final Pattern CPU_NOISE = Pattern.compile(
            "\\((r|tm|c)\\)|\\b(cpu|processor)\\b|\\b\\d+-core\\b|@.*$|\\b\\d+(\\.\\d+)?\\s*[gm]hz\\b");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\]");

    private HardwareClass() {
    }

    /** The class of a node with these attributes; {@code unknown} when none of the parts is known. */
    public static String of(Map<String, ?> attributes) {
        List<String> parts = new ArrayList<>();
        parts.add(slug(text(attributes.get(HardwareKeys.OS_ARCH))));
        parts.add(cpuModel(text(attributes.get(HardwareKeys.CPU_MODEL))));
        long cores = number(attributes.get(HardwareKeys.CPU_CORES));
        if (cores > 0) {
            parts.add(cores + "c");
        }
        long memory = number(attributes.get(HardwareKeys.MEMORY_BYTES));
        if (memory > 0) {
            parts.add(Math.round((double) memory / GIB) + "g");
        }
        String vendor = slug(text(attributes.get(HardwareKeys.GPU_VENDOR)));
        if (!vendor.isEmpty()) {
            long count = number(attributes.get(HardwareKeys.GPU_COUNT));
            if (count > 1) {
                parts.add(count + "x");
            }
            parts.add(vendor);
            parts.add(gpuModel(text(attributes.get(HardwareKeys.GPU_MODEL)), vendor));
        }
        String joined = slug(String.join("-", parts));
        return joined.isEmpty() ? "unknown" : joined;
    }

    /** Lower-case, every run of characters outside {@code [a-z0-9.]} one {@code -}, no {@code -} at the ends. */
    public static String slug(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-+|-+$", "");
    }

    static String cpuModel(String model) {
        return slug(CPU_NOISE.matcher(model.toLowerCase(Locale.ROOT)).replaceAll(" "));
    }

    static String gpuModel(String model, String vendor) {
        Matcher m = BRACKETED.matcher(model);
        String name = slug(m.find() ? m.group(1) : model);
        return name.startsWith(vendor + "-") ? name.substring(vendor.length() + 1) : name;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
