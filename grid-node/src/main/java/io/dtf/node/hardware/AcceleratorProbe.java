package io.dtf.node.hardware;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds accelerators the way their drivers show themselves, since OSHI's graphics list cannot
 * tell a CUDA device from a display: {@code cuda} when the NVIDIA driver's device or version
 * file exists, or {@code nvidia-smi -L} answers in time; {@code rocm} when the AMD kernel driver's
 * {@code /dev/kfd} exists.
 *
 * <pre>{@code
 * Map<String, String> found = AcceleratorProbe.system().probe();   // {cuda=/dev/nvidiactl exists}
 * }</pre>
 */
public final class AcceleratorProbe {
    public static final String CUDA = "cuda";
    public static final String ROCM = "rocm";
    private static final Duration SMI_TIMEOUT = Duration.ofSeconds(2);

    private final Path root;
    private final List<Path> searchPath;
    private final Duration smiTimeout;

    /**
     * @param root       where the file system starts ({@code /} for this machine; a test gives a folder)
     * @param searchPath the folders searched for {@code nvidia-smi}
     * @param smiTimeout how long {@code nvidia-smi -L} may take before it counts as no answer
     */
    public AcceleratorProbe(Path root, List<Path> searchPath, Duration smiTimeout) {
        this.root = root;
        this.searchPath = List.copyOf(searchPath);
        this.smiTimeout = smiTimeout;
    }

    /** A probe of this machine: the root file system and the folders on {@code PATH}. */
    public static AcceleratorProbe system() {
        String path = System.getenv("PATH");
        List<Path> folders = new ArrayList<>();
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        return new AcceleratorProbe(Path.of(File.separator), folders, SMI_TIMEOUT);
    }

    /** Accelerator name to the evidence that found it; empty when there are none. */
    public Map<String, String> probe() {
        Map<String, String> found = new LinkedHashMap<>();
        firstExisting("dev/nvidiactl", "proc/driver/nvidia/version")
                .or(this::nvidiaSmiAnswers)
                .ifPresent(evidence -> found.put(CUDA, evidence));
        firstExisting("dev/kfd").ifPresent(evidence -> found.put(ROCM, evidence));
        return found;
    }

    private Optional<String> firstExisting(String... relativePaths) {
        return Arrays.stream(relativePaths)
                .filter(p -> Files.exists(root.resolve(p)))
                .findFirst()
                .map(p -> "/" + p + " exists");
    }

    private Optional<String> nvidiaSmiAnswers() {
        Optional<Path> smi = searchPath.stream()
                .flatMap(folder -> List.of(folder.resolve("nvidia-smi"), folder.resolve("nvidia-smi.exe")).stream())
                .filter(Files::isExecutable)
                .findFirst();
        if (smi.isEmpty()) {
            return Optional.empty();
        }
        Process process = null;
        try {
            process = new ProcessBuilder(smi.get().toString(), "-L")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean exited = process.waitFor(smiTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return exited && process.exitValue() == 0 ? Optional.of("nvidia-smi -L answered") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
