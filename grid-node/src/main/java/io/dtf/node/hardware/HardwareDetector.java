package io.dtf.node.hardware;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Reads this machine's hardware with OSHI. Each value is read on its own: one that fails (a
 * missing native library, an unreadable file) is logged and left empty, never stops detection.
 *
 * <pre>{@code
 * HardwareProfile here = new HardwareDetector().detect(Path.of("data"));
 * Map<String, Object> attributes = NodeAttributes.of(here).roles(Set.of("worker")).build();
 * }</pre>
 * The first call takes about 0.3 s while OSHI loads.
 */
public final class HardwareDetector {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareDetector.class);

    private final AcceleratorProbe accelerators;

    public HardwareDetector() {
        this(AcceleratorProbe.system());
    }

    public HardwareDetector(AcceleratorProbe accelerators) {
        this.accelerators = accelerators;
    }

    /** What this machine has; {@code dataDir} (it need not exist yet) picks the file system for free disk. */
    public HardwareProfile detect(Path dataDir) {
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hal = probe("hardware", system::getHardware, null);
        CentralProcessor cpu = hal == null ? null : probe("processor", hal::getProcessor, null);
        GraphicsScan graphics = hal == null ? new GraphicsScan(List.of(), List.of())
                : probe("graphics cards", () -> scan(hal.getGraphicsCards()), new GraphicsScan(List.of(), List.of()));
        return new HardwareProfile(
                probe("os family", () -> PlatformNames.osFamily(SystemInfo.getCurrentPlatform().name(),
                        System.getProperty("os.name")), ""),
                probe("architecture", () -> PlatformNames.arch(System.getProperty("os.arch")), ""),
                cpu == null ? "" : probe("cpu model", () -> cpu.getProcessorIdentifier().getName(), ""),
                cpu == null ? 0 : probe("cpu cores", cpu::getPhysicalProcessorCount, 0),
                cpu == null ? 0 : probe("cpu threads", cpu::getLogicalProcessorCount, 0),
                cpu == null ? Set.of() : probe("cpu flags", () -> CpuFlags.fromOshi(cpu.getFeatureFlags()), Set.of()),
                hal == null ? 0L : probe("memory", () -> hal.getMemory().getTotal(), 0L),
                graphics.gpus(),
                graphics.skipped(),
                probe("free disk", () -> usableSpace(dataDir), 0L),
                Integer.toString(Runtime.version().feature()),
                probe("hostname", () -> hostname(system), ""),
                probe("accelerators", accelerators::probe, Map.of()));
    }

    private record GraphicsScan(List<Gpu> gpus, List<String> skipped) {
    }

    private static GraphicsScan scan(List<GraphicsCard> cards) {
        List<Gpu> gpus = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (GraphicsCard card : cards) {
            GraphicsCards.recognise(card.getName(), card.getVendor(), card.getVRam()).ifPresentOrElse(gpus::add,
                    () -> skipped.add(GraphicsCards.describe(card.getName(), card.getVendor(), card.getVRam())));
        }
        return new GraphicsScan(gpus, skipped);
    }

    // NIO rather than OSHI's file store list: it names the file system of this exact path.
    private static long usableSpace(Path dataDir) {
        Path existing = dataDir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return 0;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the file store of " + existing + ": " + e.getMessage(), e);
        }
    }

    private static String hostname(SystemInfo system) {
        String name = system.getOperatingSystem().getNetworkParams().getHostName();
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalStateException("no host name: " + e.getMessage(), e);
        }
    }

    // LinkageError too: OSHI reaches the OS through JNA, whose native library may fail to load.
    private static <T> T probe(String what, Supplier<T> query, T empty) {
        try {
            T value = query.get();
            return value == null ? empty : value;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Hardware detection: cannot read {} ({}); leaving it empty", what, e.toString());
            LOG.debug("Hardware detection failure for {}", what, e);
            return empty;
        }
    }
}
