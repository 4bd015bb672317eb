package io.dtf.node.hardware;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link HardwareDetector} found on this machine. A value the machine would not give is
 * empty: {@code ""} for text, {@code 0} for counts and sizes, an empty collection for lists.
 *
 * @param osFamily            lower-case platform: {@code linux}, {@code windows}, {@code macos}, {@code freebsd}, ...
 * @param arch                the JVM's architecture, normalised: {@code x86_64} (for amd64, x64),
 *                            {@code aarch64} (for arm64), {@code x86} (for i386..i686); others lower-case as reported
 * @param cpuModel            the processor's marketing name, e.g. {@code Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz}
 * @param cpuCores            physical cores
 * @param cpuThreads          logical processors
 * @param cpuFlags            lower-case feature flags ({@code avx2}, {@code sse4_2}, {@code asimd}, ...)
 * @param memoryBytes         total physical memory
 * @param gpus                graphics cards with a known vendor and model
 * @param skippedGraphics     one line per card left out because its vendor or model is unknown
 *                            (virtual machines report such a card), so {@code dtf hw} can say so
 * @param diskFreeBytes       usable space on the file system holding the data directory
 * @param javaVersion         the Java feature release, e.g. {@code 17}
 * @param hostname            this machine's host name
 * @param probedAccelerators  accelerator name ({@code cuda}, {@code rocm}) to the evidence that found it
 */
public record HardwareProfile(
        String osFamily,
        String arch,
        String cpuModel,
        int cpuCores,
        int cpuThreads,
        Set<String> cpuFlags,
        long memoryBytes,
        List<Gpu> gpus,
        List<String> skippedGraphics,
        long diskFreeBytes,
        String javaVersion,
        String hostname,
        Map<String, String> probedAccelerators) {

    public HardwareProfile {
        osFamily = orEmpty(osFamily);
        arch = orEmpty(arch);
        cpuModel = orEmpty(cpuModel);
        cpuFlags = sortedCopy(cpuFlags);
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        skippedGraphics = skippedGraphics == null ? List.of() : List.copyOf(skippedGraphics);
        javaVersion = orEmpty(javaVersion);
        hostname = orEmpty(hostname);
        probedAccelerators = sortedCopy(probedAccelerators);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    // Sorted so that attributes and reports list flags and accelerators in a stable order.
    private static SortedSet<String> sortedCopy(Set<String> set) {
        return set == null ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    private static SortedMap<String, String> sortedCopy(Map<String, String> map) {
        return map == null ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
