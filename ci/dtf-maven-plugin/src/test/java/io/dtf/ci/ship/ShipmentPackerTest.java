package io.dtf.ci.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShipmentPackerTest {
    @TempDir
    Path base;

    @Test
    void theWorkdirMirrorsTheBaseDirectoryWithWhatEachResourceChoosesAndNeverTheBuildDirectory() throws IOException {
        write("src/test/resources/corpus/a.txt", "a");
        write("NOTICE.txt", "notice");
        write("LICENSE.txt", "license");
        write("pom.xml", "<project/>");
        write("target/test-classes/x/ATest.class", "class bytes");
        write("target/big.log", "log");
        Path target = base.resolve("target");
        ShipmentPacker packer = new ShipmentPacker(base, target, target.resolve("dtf-artifacts"));

        // As commons-parent declares it: the base directory itself, with includes.
        Shipment shipment = packer.pack(List.of(target.resolve("test-classes")), List.of(
                WorkInput.all(Path.of("src/test/resources")),
                new WorkInput(base, List.of("NOTICE.txt", "LICENSE*"), List.of("LICENSE.txt"))));

        assertNotNull(shipment.workdir());
        Path zip = shipment.artifacts().stream().filter(a -> a.ref().equals(shipment.workdir())).findFirst()
                .orElseThrow().source();
        assertEquals(List.of("NOTICE.txt", "src/test/resources/corpus/a.txt"), entries(zip));
        assertEquals(1, shipment.classpath().size());
    }

    @Test
    void aResourceDirectoryWhoseFilesAreAllLeftOutShipsNoWorkdir() throws IOException {
        write("src/test/resources/a.bin", "a");
        Path target = base.resolve("target");
        Shipment shipment = new ShipmentPacker(base, target, target.resolve("dtf-artifacts")).pack(List.of(),
                List.of(new WorkInput(Path.of("src/test/resources"), List.of(), List.of("**/*.bin"))));
        assertNull(shipment.workdir());
    }

    @Test
    void anInputOutsideTheBaseDirectoryIsRefusedByName() {
        Path target = base.resolve("target");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShipmentPacker(base,
                target, target.resolve("dtf-artifacts")).pack(List.of(), List.of(WorkInput.all(Path.of("../elsewhere")))));
        assertEquals(true, e.getMessage().startsWith("dtf.inputs: ../elsewhere lies outside"), e.getMessage());
    }

    private void write(String path, String text) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>(Collections.list(z.entries()).stream().map(ZipEntry::getName).toList());
            Collections.sort(names);
            return names;
        }
    }
}
