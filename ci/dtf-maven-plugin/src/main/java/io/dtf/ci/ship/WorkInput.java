package io.dtf.ci.ship;

import java.nio.file.Path;
import java.util.List;

/**
 * Files for the tests' working directory: a file or directory of the project, and for a directory the
 * patterns of a Maven resource ({@code **}/{@code *}/{@code ?}, relative to it) choosing its files.
 *
 * @param includes the files to take; empty for all
 * @param excludes the files to leave out
 */
public record WorkInput(Path path, List<String> includes, List<String> excludes) {
    public WorkInput {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** All of {@code path}. */
    public static WorkInput all(Path path) {
        return new WorkInput(path, List.of(), List.of());
    }
}
