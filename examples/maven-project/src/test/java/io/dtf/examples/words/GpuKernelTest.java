package io.dtf.examples.words;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dtf.annotations.RequiresHardware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test that needs a machine the lab has declared, here one tagged {@code example-gpu}
 * ({@code dtf node --tags example-gpu}): DTF runs it only there. The plugin reads the annotation from
 * the class file; the tag {@code gpu} lets a run leave it out where no such machine is
 * (the pom's profile {@code no-gpu}).
 */
@Tag("gpu")
@RequiresHardware("tag example-gpu")
class GpuKernelTest {
    @Test
    void addsVectorsOnTheAccelerator() throws IOException {
        // A real kernel would run on the GPU; the example computes on the CPU and notes where it ran.
        int[] a = {1, 2, 3};
        int[] b = {10, 20, 30};
        int[] sum = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        assertArrayEquals(new int[] {11, 22, 33}, sum);
        noteWhereThisRan();
    }

    /** Writes the working directory to the build's witness directory, when the build gives one. */
    private static void noteWhereThisRan() throws IOException {
        String where = Path.of("").toAbsolutePath().toString();
        System.out.println("GpuKernelTest ran in " + where);
        String dir = System.getProperty("example.witness.dir");
        if (dir != null) {
            Files.writeString(Files.createDirectories(Path.of(dir)).resolve("GpuKernelTest.txt"), where + "\n");
        }
    }
}
