package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorProbeTest {
    @TempDir
    Path root;

    @Test
    void driverFilesRevealCudaAndRocm() throws IOException {
        touch("dev/nvidiactl");
        touch("dev/kfd");
        assertEquals(Map.of("cuda", "/dev/nvidiactl exists", "rocm", "/dev/kfd exists"), probe(List.of()).probe());
    }

    @Test
    void nvidiaDriverVersionFileAloneRevealsCuda() throws IOException {
        touch("proc/driver/nvidia/version");
        assertEquals(Map.of("cuda", "/proc/driver/nvidia/version exists"), probe(List.of()).probe());
    }

    @Test
    void noDriverAndNoNvidiaSmiFindsNothing() {
        assertTrue(probe(List.of(root)).probe().isEmpty());
    }

    @Test
    void nvidiaSmiThatListsDevicesRevealsCuda() throws IOException {
        Path bin = script("echo 'GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-1)'");
        assertEquals(Map.of("cuda", "nvidia-smi -L answered"), probe(List.of(bin)).probe());
    }

    @Test
    void nvidiaSmiThatFailsIsNoCuda() throws IOException {
        Path bin = script("echo 'NVIDIA-SMI has failed' >&2; exit 9");
        assertTrue(probe(List.of(bin)).probe().isEmpty());
    }

    @Test
    void nvidiaSmiThatHangsIsStoppedAndIsNoCuda() throws IOException {
        Path bin = script("exec sleep 30");
        long start = System.nanoTime();
        assertTrue(probe(List.of(bin)).probe().isEmpty());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the probe waited for a hung nvidia-smi");
    }

    private AcceleratorProbe probe(List<Path> searchPath) {
        return new AcceleratorProbe(root, searchPath, Duration.ofMillis(500));
    }

    private void touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.createFile(file);
    }

    private Path script(String body) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX shell");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
