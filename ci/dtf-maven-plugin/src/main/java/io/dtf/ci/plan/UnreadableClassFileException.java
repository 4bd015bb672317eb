package io.dtf.ci.plan;

import java.nio.file.Path;

/** A file named {@code .class} that is no readable class file; the message names the file. */
final class UnreadableClassFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableClassFileException(Path file, String why, Throwable cause) {
        super(file + " " + why, cause);
    }
}
