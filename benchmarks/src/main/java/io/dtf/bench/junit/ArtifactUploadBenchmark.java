package io.dtf.bench.junit;

import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Artifact upload: what a client sends for a generated project's tests (its test classes as a tree, the
 * jars of its test class path) on a first run, on a second run after a clean rebuild of the unchanged
 * project (new files, same bytes: the goal is that only digests go), and after one test class changed
 * (only the classes' tree should go again). The baseline is the whole, what a client without
 * content addressing would send every time.
 *
 * <p>Run: {@code benchmarks/run-artifact-upload.sh [classes=200]}.
 */
public final class ArtifactUploadBenchmark {
    private static final int PORTS = 21660;

    public static void main(String[] args) throws Exception {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath();
        Path work = Path.of("target", "artifact-upload").toAbsolutePath();
        SkewedSuite suite = SkewedSuite.write(work.resolve("suite"), classes, SkewedSuite.instant());
        ProjectArtifacts.compile(suite, work.resolve("logs/compile-1.log"), false);

        try (OneNodeGrid grid = OneNodeGrid.start(home, work.resolve("grid"), PORTS)) {
            UploadReport first = upload(grid, suite, work.resolve("pack-1"));
            ProjectArtifacts.compile(suite, work.resolve("logs/compile-2.log"), true);
            UploadReport unchanged = upload(grid, suite, work.resolve("pack-2"));
            suite.change(0, 1);
            ProjectArtifacts.compile(suite, work.resolve("logs/compile-3.log"), false);
            UploadReport oneChanged = upload(grid, suite, work.resolve("pack-3"));

            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %d test classes, one node%n%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), classes);
            System.out.printf(Locale.ROOT, "%-40s %9s %6s %14s %14s %8s%n", "run", "artifacts", "sent", "bytes sent",
                    "bytes total", "sent %");
            row("first run", first);
            row("second run, clean rebuild, unchanged", unchanged);
            row("third run, one test class changed", oneChanged);
            System.out.printf(Locale.ROOT, "(each run asks the grid which of its %d digests it lacks)%n", first.artifacts());
        }
    }

    private static UploadReport upload(OneNodeGrid grid, SkewedSuite suite, Path packInto) throws Exception {
        List<LocalArtifact> artifacts = ProjectArtifacts.of(suite, packInto);
        return grid.client().upload(artifacts);
    }

    private static void row(String label, UploadReport r) {
        System.out.printf(Locale.ROOT, "%-40s %9d %6d %,14d %,14d %7.2f%%%n", label, r.artifacts(), r.sent(),
                r.bytesSent(), r.bytesTotal(), r.bytesTotal() == 0 ? 0 : 100.0 * r.bytesSent() / r.bytesTotal());
    }
}
