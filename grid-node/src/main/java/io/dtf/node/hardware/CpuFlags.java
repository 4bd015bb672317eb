package io.dtf.node.hardware;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what the system says about CPU features into a set of lower-case flag names.
 *
 * <p>OSHI's feature list differs per platform: Linux gives whole {@code /proc/cpuinfo} lines
 * ({@code "flags\t\t: fpu vme sse2 ..."} on x86, {@code "Features\t: fp asimd ..."} on ARM), macOS
 * gives {@code sysctl} lines ({@code "hw.optional.avx2_0: 1"}), Windows one {@code PF_*} name per
 * entry.
 */
public final class CpuFlags {
    private static final String SYSCTL_PREFIX = "hw.optional.";

    private CpuFlags() {
    }

    /**
     * Flags from {@code /proc/cpuinfo}-like text: the words of every {@code flags} or {@code Features}
     * line, de-duplicated (the text repeats them per processor).
     */
    public static Set<String> fromCpuinfo(String text) {
        Set<String> flags = new TreeSet<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon >= 0 && isFlagsKey(line.substring(0, colon))) {
                flags.addAll(words(line.substring(colon + 1)));
            }
        }
        return flags;
    }

    /**
     * Flags from OSHI's feature list: the words of {@code flags:}/{@code Features:} lines, the last
     * part of the name of each {@code hw.optional.NAME: 1} line, and entries without a colon whole.
     */
    public static Set<String> fromOshi(List<String> entries) {
        Set<String> flags = new TreeSet<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                flags.addAll(words(entry));
                continue;
            }
            String key = entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = entry.substring(colon + 1).strip();
            if (isFlagsKey(key)) {
                flags.addAll(words(value));
            } else if (key.startsWith(SYSCTL_PREFIX) && value.equals("1")) {
                flags.add(key.substring(key.lastIndexOf('.') + 1));
            }
        }
        return flags;
    }

    private static boolean isFlagsKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        return k.equals("flags") || k.equals("features");
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }
}
