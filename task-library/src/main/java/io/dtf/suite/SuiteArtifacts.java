package io.dtf.suite;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the paths a suite's junit and jmh tasks name (relative to the suite file's folder) into
 * {@link ArtifactRef}s: a file is hashed as it is, a folder packed into a zip first. Each path is read
 * once however many tasks name it, and every artifact is kept with its local file for the upload.
 */
final class SuiteArtifacts {
    private final Path base;
    private final Supplier<Path> packInto;
    private final Map<Path, LocalArtifact> byPath = new HashMap<>();
    private final Map<String, LocalArtifact> byDigest = new LinkedHashMap<>();

    private SuiteArtifacts(Path base, Supplier<Path> packInto) {
        this.base = base;
        this.packInto = packInto;
    }

    /** For suite text that came from no file: a path has nothing to be relative to. */
    static SuiteArtifacts none() {
        return new SuiteArtifacts(null, null);
    }

    /** Paths relative to {@code base}; folders packed under the folder {@code packInto} gives on first need. */
    static SuiteArtifacts under(Path base, Supplier<Path> packInto) {
        return new SuiteArtifacts(base, packInto);
    }

    /** Every artifact resolved so far, one per digest, in the order first named. */
    List<LocalArtifact> artifacts() {
        return List.copyOf(byDigest.values());
    }

    /**
     * The artifacts {@code path} names: one, or for a last segment with {@code *} (e.g. {@code lib/*.jar})
     * every match, sorted; empty (with an error naming {@code field}) when there is none or it cannot be read.
     */
    List<ArtifactRef> resolve(MappingReader in, String field, String path, boolean directoryOnly) {
        if (base == null) {
            in.error(field, "paths are relative to the suite file, and this suite came from no file; submit the "
                    + "suite file itself (dtf run / dtf submit)");
            return List.of();
        }
        Path p;
        try {
            p = base.resolve(path).normalize();
        } catch (InvalidPathException e) {
            in.error(field, "'" + SuiteErrors.echo(path) + "' is not a path: " + e.getReason());
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (last.contains("*") && !directoryOnly) {
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(p.getParent(), last)) {
                matches.forEach(files::add);
            } catch (IOException | RuntimeException e) {
                in.error(field, "cannot list " + p.getParent() + ": " + e.getMessage());
                return List.of();
            }
            if (files.isEmpty()) {
                in.error(field, "'" + SuiteErrors.echo(path) + "' matches no file in " + p.getParent());
            }
            files.sort(null);
        } else if (!Files.exists(p)) {
            in.error(field, "no such " + (directoryOnly ? "folder" : "file or folder") + ": " + p
                    + " (paths are relative to the suite file's folder, " + base + ")");
            return List.of();
        } else if (directoryOnly && !Files.isDirectory(p)) {
            in.error(field, p + " is not a folder");
            return List.of();
        } else {
            files.add(p);
        }
        List<ArtifactRef> refs = new ArrayList<>();
        for (Path f : files) {
            artifact(in, field, f).ifPresent(refs::add);
        }
        return refs;
    }

    private Optional<ArtifactRef> artifact(MappingReader in, String field, Path file) {
        LocalArtifact known = byPath.get(file);
        if (known == null) {
            try {
                known = Files.isDirectory(file) ? Artifacts.tree(file, packInto.get()) : Artifacts.file(file);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                in.error(field, e.getMessage());
                return Optional.empty();
            }
            byPath.put(file, known);
            byDigest.putIfAbsent(known.ref().sha256(), known);
        }
        return Optional.of(known.ref());
    }
}
