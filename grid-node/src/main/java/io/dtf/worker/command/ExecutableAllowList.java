package io.dtf.worker.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The programs a worker lets command tasks start: any, or those named on its allow-list, by name
 * ({@code python3}: the program of that name found on the worker's {@code PATH}) or by absolute path
 * ({@code /usr/bin/make}: that file, links resolved).
 *
 * <pre>{@code
 * ExecutableAllowList allowed = ExecutableAllowList.parse("sh,python3,/usr/bin/make");
 * allowed.refusal("curl", System.getenv("PATH"), attemptDir);
 * // Optional["command 'curl' is not allowed on this worker, which runs only sh, python3, /usr/bin/make ..."]
 * }</pre>
 *
 * <p>Only the program the worker starts is checked, never what it runs in turn: allowing a shell,
 * an interpreter or a build tool ({@code sh}, {@code python3}, {@code make}) allows everything they
 * can run, {@code sh -c 'curl ...'} included.
 */
public record ExecutableAllowList(List<String> entries) {
    /** Every program may run. */
    public static final ExecutableAllowList ANY = new ExecutableAllowList(List.of());

    public ExecutableAllowList {
        entries = List.copyOf(new LinkedHashSet<>(entries));
    }

    /**
     * Reads a comma list of names and absolute paths; null or blank means any program.
     *
     * @throws IllegalArgumentException naming the entry and the fix, for a relative path such as {@code bin/tool}
     */
    public static ExecutableAllowList parse(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return ANY;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String raw : commaList.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            boolean absolute;
            try {
                absolute = Path.of(entry).isAbsolute();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid program name or path");
            }
            if (!absolute && (entry.contains("/") || entry.contains(File.separator))) {
                throw new IllegalArgumentException("'" + entry + "' is a relative path; allow a program by its name"
                        + " (python3, looked up on the worker's PATH) or by its absolute path (/usr/bin/python3)");
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) { // "," must not read as "any program"
            throw new IllegalArgumentException("'" + commaList + "' names no program");
        }
        return new ExecutableAllowList(List.copyOf(entries));
    }

    /** Whether every program may run. */
    public boolean allowsAny() {
        return entries.isEmpty();
    }

    /** The list as given to {@code --allow-commands}, comma-separated; empty for any program. */
    public String text() {
        return String.join(",", entries);
    }

    /**
     * Why {@code program} (a command's first argument) may not run here, or empty when it may.
     *
     * @param searchPath the {@code PATH} the worker finds programs on (its own, as the JVM does)
     * @param workdir    where the process starts, against which a relative {@code ./tool} is read
     */
    public Optional<String> refusal(String program, String searchPath, Path workdir) {
        if (allowsAny() || allows(program, searchPath, workdir)) {
            return Optional.empty();
        }
        return Optional.of("command '" + program + "' is not allowed on this worker, which runs only " + String.join(
                ", ", entries) + " (its dtf node --allow-commands list); use one of those, or ask the worker's operator"
                + " to allow it");
    }

    private boolean allows(String program, String searchPath, Path workdir) {
        if (!program.contains("/") && !program.contains(File.separator) && entries.contains(program)) {
            return true;
        }
        Optional<Path> file = locate(program, searchPath, workdir).flatMap(ExecutableAllowList::real);
        return file.isPresent() && entries.stream().filter(e -> Path.of(e).isAbsolute())
                .map(e -> real(Path.of(e))).flatMap(Optional::stream).anyMatch(file.get()::equals);
    }

    /**
     * The file the worker starts for {@code program}: a path as written (relative ones in {@code workdir}),
     * a bare name as the first executable of that name on {@code searchPath}.
     */
    static Optional<Path> locate(String program, String searchPath, Path workdir) {
        try {
            if (program.contains("/") || program.contains(File.separator)) {
                return Optional.of(workdir.resolve(program));
            }
            if (searchPath == null) {
                return Optional.empty();
            }
            for (String dir : searchPath.split(File.pathSeparator)) {
                Path candidate = (dir.isEmpty() ? workdir : Path.of(dir)).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> real(Path file) {
        try {
            return Optional.of(file.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
