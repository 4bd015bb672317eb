package io.dtf.cli;

import io.dtf.artifact.UploadReport;
import io.dtf.benchmark.Benchmarks;
import io.dtf.client.DtfClient;
import io.dtf.model.Suite;
import io.dtf.requirements.Quantity;
import io.dtf.suite.LoadedSuite;
import io.dtf.suite.SuiteLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A suite file read for {@code dtf run} and {@code dtf submit}, with the artifacts its junit and jmh
 * tasks name: folders are packed into a temporary folder, which goes once they are uploaded (or when
 * the process ends).
 */
final class PackedSuite {
    private final LoadedSuite loaded;
    private final Path packed;

    private PackedSuite(LoadedSuite loaded, Path packed) {
        this.loaded = loaded;
        this.packed = packed;
    }

    /** Reads {@code suiteFile}; throws {@code SuiteValidationException} with every error in it. */
    static PackedSuite load(Path suiteFile) {
        Path packed;
        try {
            packed = Files.createTempDirectory("dtf-packed-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder to pack the suite's folders into", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(packed), "dtf-packed-cleanup"));
        try {
            return new PackedSuite(SuiteLoader.loadWithArtifacts(suiteFile, Benchmarks::isKnown, packed), packed);
        } catch (RuntimeException e) {
            delete(packed);
            throw e;
        }
    }

    Suite suite() {
        return loaded.suite();
    }

    /**
     * Sends the artifacts the grid lacks and says what went, e.g.
     * {@code artifacts: 3 of 12 sent (4.1 MiB), 9 already on the grid}; nothing when the suite names none.
     *
     * @throws IllegalArgumentException naming the artifact when the grid refuses one
     */
    void upload(DtfClient client, PrintStream out) {
        try {
            if (loaded.artifacts().isEmpty()) {
                return;
            }
            UploadReport report = client.upload(loaded.artifacts());
            out.println("artifacts: " + report.sent() + " of " + report.artifacts() + " sent ("
                    + Quantity.bytes(report.bytesSent()) + "), " + (report.artifacts() - report.sent())
                    + " already on the grid");
        } finally {
            delete(packed);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // gone already, or a leftover in the temporary folder: no reason to fail the run
        }
    }
}
