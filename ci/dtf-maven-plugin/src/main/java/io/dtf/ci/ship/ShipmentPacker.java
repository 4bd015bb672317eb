package io.dtf.ci.ship;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names a project's class path and working files by digest, for upload: each jar as it is, each class
 * directory packed as a tree, and the working directory as one tree that mirrors the project's base
 * directory (its test resources and the inputs the user lists, each at its path relative to the base
 * directory), so that a test opening {@code src/test/resources/data.csv} by relative path finds it on
 * any worker. Packs go under {@code packInto} (target/dtf-artifacts). The build directory is never
 * shipped: a project may declare its base directory as a resource directory (commons-parent does), and
 * the build directory holds the packs themselves.
 */
public final class ShipmentPacker {
    static final String WORKDIR = "workdir";

    private final Path baseDir;
    private final Path buildDir;
    private final Path packInto;

    public ShipmentPacker(Path baseDir, Path buildDir, Path packInto) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
        this.packInto = packInto.toAbsolutePath().normalize();
    }

    /**
     * @param classpath   class path elements in order; missing ones (a module without main classes) are left out
     * @param workFiles   files and directories for the working directory, inside the base directory;
     *                    missing ones are left out
     * @throws IllegalArgumentException when a working file lies outside the base directory
     */
    public Shipment pack(List<Path> classpath, List<WorkInput> workFiles) throws IOException {
        Files.createDirectories(packInto);
        List<LocalArtifact> all = new ArrayList<>();
        List<LocalArtifact> path = new ArrayList<>();
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                path.add(Artifacts.tree(element, packInto));
            } else if (Files.isRegularFile(element)) {
                path.add(Artifacts.file(element));
            }
        }
        all.addAll(path);
        LocalArtifact workdir = workdir(workFiles);
        if (workdir != null) {
            all.add(workdir);
        }
        return new Shipment(path.stream().map(LocalArtifact::ref).toList(), workdir == null ? null : workdir.ref(),
                all.stream().distinct().toList());
    }

    /** Copies the working files to {@code packInto/workdir} at their paths relative to the base directory, then packs that. */
    private LocalArtifact workdir(List<WorkInput> workFiles) throws IOException {
        Path stage = packInto.resolve(WORKDIR);
        deleteTree(stage);
        boolean any = false;
        for (WorkInput given : workFiles) {
            Path file = baseDir.resolve(given.path()).toAbsolutePath().normalize();
            if (!file.startsWith(baseDir)) {
                throw new IllegalArgumentException("dtf.inputs: " + given.path() + " lies outside the project's base"
                        + " directory " + baseDir + "; tests see their working directory as the base directory, so list"
                        + " files inside it");
            }
            if (!Files.exists(file) || file.startsWith(buildDir)) {
                continue;
            }
            any |= copy(file, stage.resolve(baseDir.relativize(file).toString()), given);
        }
        return any ? Artifacts.tree(stage, packInto) : null;
    }

    /** Copies what {@code input} chooses of {@code source}; false when that is nothing. */
    private boolean copy(Path source, Path target, WorkInput input) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        ResourcePatterns patterns = new ResourcePatterns(input.includes(), input.excludes());
        boolean any = false;
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.startsWith(buildDir) || !Files.isRegularFile(f)) {
                    continue;
                }
                String relative = source.relativize(f).toString().replace('\\', '/');
                if (patterns.accepts(relative)) {
                    Path to = target.resolve(relative);
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    any = true;
                }
            }
        }
        return any;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
