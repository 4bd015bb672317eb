package io.dtf.node.hardware;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-made profiles, so attribute and report tests do not depend on this machine. */
final class TestProfiles {
    static final long GIB = 1L << 30;

    private TestProfiles() {
    }

    /** An 8-core, 16-thread Xeon with 32 GiB, no GPU, no accelerators. */
    static HardwareProfile xeon() {
        return new HardwareProfile("linux", "x86_64", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 8, 16,
                Set.of("sse4_2", "avx2", "fpu"), 32 * GIB, List.of(), List.of(), 100 * GIB, "17", "lab-1", Map.of());
    }

    static HardwareProfile withGpus(HardwareProfile p, List<Gpu> gpus, List<String> skipped, Map<String, String> probed) {
        return new HardwareProfile(p.osFamily(), p.arch(), p.cpuModel(), p.cpuCores(), p.cpuThreads(), p.cpuFlags(),
                p.memoryBytes(), gpus, skipped, p.diskFreeBytes(), p.javaVersion(), p.hostname(), probed);
    }

    /** A profile where nothing could be read. */
    static HardwareProfile empty() {
        return new HardwareProfile("", "", "", 0, 0, Set.of(), 0, List.of(), List.of(), 0, "", "", Map.of());
    }
}
