package io.dtf.worker.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working directories of command attempts on one worker. Every attempt gets a fresh directory
 * of its own under {@code root} ({@code DATA_DIR/attempts} on a node); it is removed when the
 * attempt passes or is cancelled, and kept when it fails and left files there, for a while ({@link #retention}, at most
 * {@link #maxKept} of them), so that its author can look at what it left.
 *
 * <p>A task's own {@code workdir} is checked against {@link #allowedRoots}: a relative one is taken
 * inside the attempt's directory, and it, or an absolute one, must lie in the attempt's directory or
 * under one of the roots (on a node: none unless its operator lists some), after symbolic links are
 * resolved.
 *
 * <pre>{@code
 * AttemptDirectories dirs = AttemptDirectories.under(dataDir.resolve("attempts"), List.of(Path.of("/srv/checkout")));
 * Path dir = dirs.create("sha256[size=1MiB]");
 * // ... run the process in dir ...
 * Optional<String> kept = dirs.finish(dir, passed);   // "kept until ...: /srv/dtf/attempts/..."
 * }</pre>
 */
public final class AttemptDirectories {
    /** How long the directory of a failed attempt is kept. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** How many directories of failed attempts are kept at most; the oldest go first. */
    public static final int DEFAULT_MAX_KEPT = 50;

    /** The attempt's temporary directory, inside its own. */
    public static final String TEMPORARY = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(AttemptDirectories.class);

    private final Path root;
    private final List<Path> allowedRoots;
    private final Duration retention;
    private final int maxKept;
    private final Clock clock;
    private final Set<Path> active = ConcurrentHashMap.newKeySet();

    public AttemptDirectories(Path root, List<Path> allowedRoots, Duration retention, int maxKept, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.allowedRoots = allowedRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.retention = retention;
        this.maxKept = maxKept;
        this.clock = clock;
    }

    /** Attempt directories under {@code root}, task workdirs allowed under {@code allowedRoots}, default retention. */
    public static AttemptDirectories under(Path root, List<Path> allowedRoots) {
        return new AttemptDirectories(root, allowedRoots, DEFAULT_RETENTION, DEFAULT_MAX_KEPT, Clock.systemUTC());
    }

    /** For a runner used outside a node (tests, tools): directories under the system's temporary directory. */
    static AttemptDirectories temporary() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "dtf-attempts");
        return under(root, List.of(root));
    }

    public Path root() {
        return root;
    }

    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    /**
     * A fresh, empty directory for one attempt of {@code taskId}, readable by the worker's user only;
     * old kept ones past retention are removed first.
     */
    public Path create(String taskId) throws IOException {
        Files.createDirectories(root);
        sweep();
        String stem = taskId.replaceAll("[^A-Za-z0-9_.-]", "_");
        stem = stem.substring(0, Math.min(stem.length(), 60));
        Path dir = root.resolve(stem + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
        active.add(dir);
        return dir;
    }

    /**
     * The attempt's temporary directory ({@code TMPDIR}), {@value #TEMPORARY} inside its directory, made
     * on first use; it goes with the attempt's directory.
     */
    public Path temporaryDirectory(Path attemptDir) throws IOException {
        return Files.createDirectories(attemptDir.resolve(TEMPORARY));
    }

    /**
     * Where the attempt runs: its own directory, or the task's {@code workdir} checked against the
     * allowed roots. Throws {@link IllegalArgumentException} with a sentence for the task's author.
     */
    public Path workdir(String workdir, Path attemptDir) {
        if (workdir == null) {
            return attemptDir;
        }
        Path asked;
        try {
            asked = attemptDir.resolve(workdir).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("workdir '" + workdir + "' is not a valid path");
        }
        if (!Files.isDirectory(asked)) {
            throw new IllegalArgumentException("workdir '" + workdir + "' does not exist or is not a directory");
        }
        Path real;
        try {
            real = asked.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("workdir '" + workdir + "' cannot be read: " + e.getMessage());
        }
        if (inside(real, attemptDir) || allowedRoots.stream().anyMatch(r -> inside(real, r))) {
            return real;
        }
        String allowed = allowedRoots.isEmpty() ? "only the attempt's own directory"
                : "the attempt's own directory and " + String.join(", ", allowedRoots.stream().map(Path::toString).toList());
        throw new IllegalArgumentException("workdir '" + workdir + "' is outside the directories this worker allows ("
                + allowed + "); use a path relative to the attempt's own directory, or start the worker with"
                + " --attr dtf.workdir.roots=DIR[:DIR...]");
    }

    /**
     * Ends an attempt's use of {@code dir}: removed when {@code keep} is false, else kept until the
     * retention ends. Answers the note that says where a kept directory is, or null.
     */
    public String finish(Path dir, boolean keep) {
        active.remove(dir);
        Path tmp = dir.resolve(TEMPORARY);
        if (Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS) && isEmpty(tmp)) {
            delete(tmp); // made for the task, not by it: an attempt that left nothing else leaves nothing
        }
        if (!keep || isEmpty(dir)) {
            delete(dir);
            return null;
        }
        try {
            sweep();
        } catch (IOException e) {
            LOG.warn("could not list the attempt directories under {}: {}", root, e.toString());
        }
        Instant until = clock.instant().plus(retention).truncatedTo(ChronoUnit.SECONDS);
        return "its working directory is kept until " + until + ": " + dir;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes kept directories past the retention, then the oldest beyond {@link #maxKept}. */
    synchronized void sweep() throws IOException {
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> !active.contains(d)).forEach(kept::add);
        }
        Instant cutoff = clock.instant().minus(retention);
        kept.sort(Comparator.comparing(AttemptDirectories::modified));
        for (int i = 0; i < kept.size(); i++) {
            if (modified(kept.get(i)).isBefore(cutoff) || kept.size() - i > maxKept) {
                delete(kept.get(i));
            }
        }
    }

    private static boolean inside(Path path, Path root) {
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            return path.startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    private static Instant modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH; // gone or unreadable: first to be removed
        }
    }

    /** Deletes a directory tree without following symbolic links out of it; logs what it could not delete. */
    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    d.toFile().setWritable(true, true); // a task may have made its files read-only
                    d.toFile().setExecutable(true, true);
                    return FileVisitResult.CONTINUE;
                }

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
        } catch (NoSuchFileException e) {
            // Removed meanwhile: what this method was for.
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove the attempt directory {}: {}", dir, e.toString());
        }
    }
}
