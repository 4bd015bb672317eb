package io.dtf.suite;

import io.dtf.wire.SafeText;
import java.util.Optional;

/**
 * The paths a suite names, checked before anything runs. A suite ships no files: a command starts in
 * a fresh directory of its attempt's own, and the only path it names is its {@code workdir}. A
 * relative {@code workdir} must stay inside that directory: {@code ../../etc} is refused here, with
 * the field and the fix. An absolute one is the worker's to allow ({@code dtf.workdir.roots}; none by
 * default), and symbolic links are resolved there too, since only the worker sees its files.
 *
 * <pre>{@code
 * SuitePaths.workdirError("../../etc");  // Optional["'../../etc' leaves the attempt's own directory ..."]
 * SuitePaths.workdirError("build/out");  // Optional.empty()
 * }</pre>
 */
public final class SuitePaths {
    private static final int ECHO = 60;

    private SuitePaths() {
    }

    /** Why {@code workdir} may not be used, or empty when it may (null: the attempt's directory). */
    public static Optional<String> workdirError(String workdir) {
        if (workdir == null || isAbsolute(workdir)) {
            return Optional.empty();
        }
        int depth = 0;
        for (String segment : workdir.split("[/\\\\]")) {
            if (segment.equals("..")) {
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                return Optional.of("'" + SafeText.abbreviated(workdir, ECHO) + "' leaves the attempt's own directory"
                        + " through '..'; use a path inside it (e.g. 'build'), or an absolute path under a directory"
                        + " the worker allows (dtf node --attr dtf.workdir.roots=DIR)");
            }
        }
        return Optional.empty();
    }

    /** {@code /x}, {@code \x}, {@code C:\x} or {@code C:/x}: absolute on some worker's system. */
    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\")
                || path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':';
    }
}
